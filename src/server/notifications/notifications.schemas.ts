import { Type } from 'typebox';
import { PACE_LEVELS, PACE_PURPOSES } from '../../shared/prepare-types.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';

export const IdParams = Type.Object({ id: Text(100, 1) });

export const SendBody = Type.Object(
  {
    purpose: Enum(PACE_PURPOSES),
    subject: Type.Optional(Text(300)),
    body: Type.Optional(Text(20_000)),
    /** Sending this submits an obligation stage. */
    obligationId: Type.Optional(Text(100, 1)),
    stageId: Type.Optional(Text(100, 1)),
    draft: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const AckBody = Type.Object({ note: Type.Optional(Text(2000)) }, { additionalProperties: false });

export const LevelBody = Type.Object({ level: Enum(PACE_LEVELS), reason: Text(2000, 1) }, { additionalProperties: false });

export const CompromisedBody = Type.Object(
  { channelId: Text(100, 1), scope: Enum(['incident', 'customer'] as const), reason: Text(2000, 1) },
  { additionalProperties: false },
);

export const InstructionBody = Type.Object(
  { question: Text(10_000, 1), stepRef: Type.Optional(Nullable(Text(200, 3))) },
  { additionalProperties: false },
);

export const StepBody = Type.Object(
  { stepRef: Text(200, 3), overrideReason: Type.Optional(Text(2000)) },
  { additionalProperties: false },
);

export const AnswerBody = Type.Object(
  { decision: Enum(['approve', 'decline', 'instruct'] as const), text: Type.Optional(Text(5000)), by: Text(200, 1) },
  { additionalProperties: false },
);

export const ChannelTestParams = Type.Object({ id: Text(100, 1), channelId: Text(100, 1) });

export const TokenParams = Type.Object({ token: Text(300, 1) });

export const AckForm = Type.Object({ name: Type.Optional(Text(200)) });

export const AnswerForm = Type.Object({
  decision: Type.Optional(Text(20)),
  text: Type.Optional(Text(5000)),
  name: Type.Optional(Text(200)),
});
