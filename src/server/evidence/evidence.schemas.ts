import { Type } from 'typebox';
import { Nullable } from '../core/http/schema-types.ts';

export const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const EvidenceItemSchema = Type.Object({
  id: Type.String(),
  incidentId: Nullable(Type.String()),
  triageItemId: Nullable(Type.String()),
  name: Type.String(),
  contentType: Type.String({ description: 'What the bytes are, told by Muster from them' }),
  claimedContentType: Nullable(Type.String({ description: 'What the sender said they are; not trusted' })),
  size: Type.Integer(),
  sha256: Type.String(),
  source: Type.String(),
  collectedBy: Type.String(),
  collectedAt: Type.String(),
  description: Type.String(),
  custodyCount: Type.Integer(),
  lastVerification: Nullable(Type.Object({ at: Type.String(), ok: Type.Boolean() })),
});

export const CustodyEntrySchema = Type.Object({
  seq: Type.Integer(),
  action: Type.String(),
  by: Type.Object({ id: Type.String(), name: Type.String() }),
  at: Type.String(),
  to: Nullable(Type.String()),
  location: Nullable(Type.String()),
  note: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const CustodyBody = Type.Object(
  {
    action: Type.String({ maxLength: 40, description: 'transferred, stored, accessed, exported, returned or destroyed' }),
    to: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    location: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const VerificationSchema = Type.Object({
  ok: Type.Boolean(),
  expected: Type.String(),
  actual: Nullable(Type.String()),
  at: Type.String(),
  custody: CustodyEntrySchema,
});
