import { Type } from 'typebox';
import { CHECK_ANSWERS } from '../../shared/connection-check-types.ts';
import { CONNECTION_DIRECTIONS } from '../../shared/prepare-types.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';

export const IdParams = Type.Object({ id: Text(100, 1) });

export const RequestBody = Type.Object(
  {
    serviceIds: Type.Optional(Type.Array(Text(100, 1), { minItems: 1, maxItems: 200, uniqueItems: true })),
    message: Type.Optional(Text(5000)),
  },
  { additionalProperties: false },
);

const ConnectionToCheck = Type.Object({
  serviceId: Type.String(),
  serviceName: Type.String(),
  connectionId: Type.String(),
  target: Type.String(),
  direction: Enum(CONNECTION_DIRECTIONS),
  protocol: Type.String(),
  account: Type.String(),
  purpose: Type.String(),
});

const Answer = Type.Object({ status: Enum(CHECK_ANSWERS), note: Type.String(), answeredAt: Type.String() });

export const ConnectionCheck = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  notificationId: Type.String(),
  status: Enum(['sent', 'answered', 'expired'] as const),
  connections: Type.Array(ConnectionToCheck),
  answers: Nullable(Type.Record(Type.String(), Answer)),
  answeredAt: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  expiresAt: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  suggestedServiceIds: Type.Array(Type.String()),
  compromisedServices: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      connectionIds: Type.Array(Type.String()),
      onIncident: Type.Boolean(),
    }),
  ),
});

export const CheckList = Type.Object({ items: Type.Array(ConnectionCheck) });
