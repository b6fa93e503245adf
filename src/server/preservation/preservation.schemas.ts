import { Type } from 'typebox';
import { MAX_PRESERVE_ITEMS, PRESERVE_ANSWERS, PRESERVE_ITEM_MAX } from '../../shared/preservation-types.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';

export const IdParams = Type.Object({ id: Text(100, 1) });

export const RequestBody = Type.Object(
  {
    items: Type.Array(Text(PRESERVE_ITEM_MAX, 1), { minItems: 1, maxItems: MAX_PRESERVE_ITEMS }),
    message: Type.Optional(Text(5000)),
    keepUntil: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })),
  },
  { additionalProperties: false },
);

const Answer = Type.Object({
  status: Enum(PRESERVE_ANSWERS),
  location: Type.String(),
  note: Type.String(),
  by: Type.String(),
  at: Type.String(),
});

const CustodyEntry = Type.Object({
  seq: Type.Integer(),
  action: Enum(['preservation_requested', 'preserved', 'not_preserved'] as const),
  by: Type.String(),
  at: Type.String(),
  location: Nullable(Type.String()),
  note: Type.String(),
  itemId: Nullable(Type.String()),
  item: Type.String(),
  hash: Type.String(),
});

export const PreservationRequest = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  notificationId: Type.String(),
  status: Enum(['sent', 'answered', 'expired'] as const),
  items: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), answer: Nullable(Answer) })),
  message: Type.String(),
  keepUntil: Nullable(Type.String()),
  expiresAt: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  delivery: Type.Object({
    status: Type.String(),
    level: Nullable(Type.String()),
    acknowledgedAt: Nullable(Type.String()),
    acknowledgedBy: Nullable(Type.String()),
  }),
  custody: Type.Array(CustodyEntry),
});

export const PreservationList = Type.Object({ items: Type.Array(PreservationRequest) });

export const SuggestedItems = Type.Object({ items: Type.Array(Type.String()), from: Type.Array(Type.String()) });
