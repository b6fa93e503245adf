import { Type } from 'typebox';
import { INCIDENT_STATUSES, TLP_LABELS } from '../../shared/incident-vocabulary.ts';
import { MAX_OBSERVABLE_TAGS, OBSERVABLE_TYPES } from '../../shared/observable-types.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';

const Id = Text(100, 1);
const Tags = Type.Array(Text(50, 1), { maxItems: MAX_OBSERVABLE_TAGS });

export const IdParams = Type.Object({ id: Id });

export const Observable = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  type: Enum(OBSERVABLE_TYPES),
  value: Type.String(),
  tags: Type.Array(Type.String()),
  tlp: Enum(TLP_LABELS),
  description: Type.String(),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  addedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  otherIncidents: Type.Integer({ description: 'Other incidents you may read where the same value was seen.' }),
});

export const ObservableList = Type.Object({ items: Type.Array(Observable) });

export const NewObservableBody = Type.Object(
  {
    type: Type.Optional(Enum(OBSERVABLE_TYPES)),
    value: Text(4000, 1),
    tags: Type.Optional(Tags),
    tlp: Type.Optional(Enum(TLP_LABELS)),
    description: Type.Optional(Text(5000)),
    seenAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const ObservableChangesBody = Type.Object(
  {
    tags: Type.Optional(Tags),
    tlp: Type.Optional(Enum(TLP_LABELS)),
    description: Type.Optional(Text(5000)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SightingsQuery = Type.Object(
  { value: Text(4000, 1), type: Type.Optional(Enum(OBSERVABLE_TYPES)) },
  { additionalProperties: false },
);

export const SightingsReply = Type.Object({
  type: Enum(OBSERVABLE_TYPES),
  value: Type.String(),
  items: Type.Array(
    Type.Object({
      observableId: Type.String(),
      incidentId: Type.String(),
      incidentKey: Type.String(),
      incidentTitle: Type.String(),
      customerId: Nullable(Type.String()),
      customerName: Nullable(Type.String()),
      status: Enum(INCIDENT_STATUSES),
      exercise: Type.Boolean(),
      incidentTlp: Enum(TLP_LABELS),
      tlp: Enum(TLP_LABELS),
      tags: Type.Array(Type.String()),
      firstSeen: Type.String(),
      lastSeen: Type.String(),
    }),
  ),
});

/** A STIX 2.1 bundle (its objects are checked against the STIX schemas in the tests, not here). */
export const StixBundle = Type.Object({
  type: Type.Literal('bundle'),
  id: Type.String(),
  objects: Type.Array(Type.Object({}, { additionalProperties: true })),
});
