import { type TProperties, Type } from 'typebox';
import { CATEGORIES, INCIDENT_ROLES, ORIGINS, RSIT, SEVERITIES } from '../../shared/incident-vocabulary.ts';
import {
  CHANNEL_TYPES,
  CONNECTION_DIRECTIONS,
  CRITICALITIES,
  DEFAULT_FIRST_REPORT,
  ENVIRONMENTS,
  FIRST_REPORT_SETTINGS,
  PACE_LEVELS,
  PACE_PURPOSES,
  STEP_DUE_FROM,
} from '../../shared/prepare-types.ts';
import { DEFAULT_REVIEW_SEVERITIES } from '../../shared/review-types.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';

// The stored fields of each registry kind. Create bodies make the fields with a default optional; update
// bodies make every field optional. Ids of list items (channels, connections, steps) are filled in when absent.

const Id = Text(100, 1);
const ItemId = Type.Optional(Text(100));
const Strict = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });

export interface KindSchema {
  fields: TProperties;
  defaults: Record<string, unknown>;
}

export const customerSchema: KindSchema = {
  fields: {
    name: Text(200, 1),
    code: Text(20),
    description: Text(5000),
    timeZone: Text(64, 1),
    firstReport: Enum(FIRST_REPORT_SETTINGS),
    // Which severities need a completed review (or a waiver) to close; absent: DEFAULT_REVIEW_SEVERITIES.
    reviewSeverities: Type.Array(Enum(SEVERITIES), { uniqueItems: true, maxItems: SEVERITIES.length }),
  },
  defaults: {
    code: '',
    description: '',
    timeZone: 'UTC',
    firstReport: DEFAULT_FIRST_REPORT,
    reviewSeverities: [...DEFAULT_REVIEW_SEVERITIES],
  },
};

const ConnectionSchema = Strict({
  id: ItemId,
  target: Text(300, 1),
  direction: Enum(CONNECTION_DIRECTIONS),
  protocol: Text(100),
  account: Text(300),
  purpose: Text(1000),
});

export const serviceSchema: KindSchema = {
  fields: {
    name: Text(200, 1),
    description: Text(5000),
    criticality: Enum(CRITICALITIES),
    personalData: Type.Boolean(),
    environment: Enum(ENVIRONMENTS),
    owner: Text(200),
    connections: Type.Array(ConnectionSchema, { maxItems: 500 }),
  },
  defaults: {
    description: '',
    criticality: 'medium',
    personalData: false,
    environment: 'production',
    owner: '',
    connections: [],
  },
};

const ChannelSchema = Strict({
  id: ItemId,
  type: Enum(CHANNEL_TYPES),
  address: Text(2000, 1),
  label: Type.Optional(Text(200)),
  verified: Type.Optional(Type.Boolean()),
  lastTestedAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  clearedForRed: Type.Optional(Type.Boolean()),
  lastAckSeconds: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
});

export const contactSchema: KindSchema = {
  fields: {
    kind: Enum(['person', 'function'] as const),
    name: Text(200, 1),
    organisation: Text(200),
    role: Text(200),
    timeZone: Text(64, 1),
    workingHours: Text(200),
    channels: Type.Array(ChannelSchema, { maxItems: 50 }),
    notes: Text(5000),
  },
  defaults: { kind: 'person', organisation: '', role: '', timeZone: 'UTC', workingHours: '', channels: [], notes: '' },
};

export const rosterSchema: KindSchema = {
  fields: {
    entries: Type.Array(Strict({ role: Enum(INCIDENT_ROLES), people: Type.Array(Id, { maxItems: 10, uniqueItems: true }) }), {
      maxItems: INCIDENT_ROLES.length,
    }),
  },
  defaults: { entries: [] },
};

const MoveOnSchema = Strict({
  noAckMinutes: Nullable(Type.Integer({ minimum: 1, maximum: 10_080 })),
  onDeliveryFailure: Type.Boolean(),
  onChannelCompromised: Type.Boolean(),
});

export const pacePlanSchema: KindSchema = {
  fields: {
    purpose: Enum(PACE_PURPOSES),
    levels: Type.Array(
      Strict({
        level: Enum(PACE_LEVELS),
        contactId: Nullable(Id),
        channelId: Nullable(Id),
        instruction: Type.Optional(Text(2000)),
        moveOn: Type.Optional(MoveOnSchema),
        note: Type.Optional(Text(2000)),
      }),
      { maxItems: 4 },
    ),
  },
  defaults: { levels: [] },
};

const Duration = Strict({
  minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  hours: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  days: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  months: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
});

const ConditionSchema = Type.Union([
  Strict({ field: Type.Literal('personalData'), equals: Type.Boolean() }),
  Strict({ field: Type.Literal('severity'), atLeast: Enum(SEVERITIES) }),
  Strict({ field: Type.Literal('category'), in: Type.Array(Enum(CATEGORIES), { minItems: 1, maxItems: 100 }) }),
  Strict({ field: Type.Literal('origin'), in: Type.Array(Enum(ORIGINS), { minItems: 1 }) }),
  Strict({ field: Type.Literal('serviceCriticality'), atLeast: Enum(CRITICALITIES) }),
  Strict({ field: Type.Literal('determination'), made: Text(100, 1) }),
]);

export const ObligationDefinitionSchema = Strict({
  id: Type.Optional(Text(100)),
  name: Text(300, 1),
  source: Strict({ citation: Text(500, 1), url: Type.Optional(Text(1000)) }),
  recipient: Text(300),
  trigger: Type.Array(ConditionSchema, { maxItems: 20 }),
  stages: Type.Array(
    Strict({
      id: Text(100, 1),
      name: Text(200, 1),
      deadlines: Type.Array(
        Strict({
          from: Type.String({ pattern: '^(aware|classified|determination:.+|stage:.+)$', maxLength: 200 }),
          after: Duration,
        }),
        { minItems: 1, maxItems: 5 },
      ),
      wording: Type.Optional(Text(1000)),
    }),
    { minItems: 1, maxItems: 10 },
  ),
  pacePurpose: Enum(PACE_PURPOSES),
  requiredContent: Type.Array(Text(1000), { maxItems: 50 }),
});

export const obligationSchema: KindSchema = {
  fields: {
    libraryId: Nullable(Text(100, 1)),
    enabled: Type.Boolean(),
    recipientContactId: Nullable(Id),
    definition: ObligationDefinitionSchema,
  },
  // A library entry's definition is the library's; a customer's own rule must bring one.
  defaults: { libraryId: null, enabled: true, recipientContactId: null, definition: null },
};

/** When a step's task falls due: an offset from awareness, DP1 or DP2 (at most 90 days in all). */
export const StepDueSchema = Strict({
  from: Enum(STEP_DUE_FROM),
  after: Strict({
    minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 129_600 })),
    hours: Type.Optional(Type.Integer({ minimum: 0, maximum: 2160 })),
    days: Type.Optional(Type.Integer({ minimum: 0, maximum: 90 })),
  }),
});

export const playbookSchema: KindSchema = {
  fields: {
    basedOn: Nullable(Text(100)),
    slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 100 }),
    name: Text(200, 1),
    summary: Text(5000),
    // A category is an RSIT "class/type" or a whole class.
    categories: Type.Array(Enum([...CATEGORIES, ...Object.keys(RSIT)]), { maxItems: 50, uniqueItems: true }),
    steps: Type.Array(
      Strict({
        id: ItemId,
        phase: Enum(['contain', 'investigate', 'resolve', 'recover', 'communicate'] as const),
        title: Text(300, 1),
        detail: Type.Optional(Text(10_000)),
        role: Enum(INCIDENT_ROLES),
        needsCustomerInstruction: Type.Optional(Type.Boolean()),
        record: Type.Optional(Type.Array(Text(500), { maxItems: 30 })),
        due: Type.Optional(Nullable(StepDueSchema)),
      }),
      { minItems: 1, maxItems: 200 },
    ),
    // What to ask the customer to preserve (the preservation request's starting list).
    preserve: Type.Array(Text(300, 1), { maxItems: 50 }),
  },
  defaults: { basedOn: null, summary: '', categories: [], preserve: [] },
};

/** The body of POST /api/v1/<kinds>. */
export function createBody(schema: KindSchema, scoped: boolean) {
  const properties: TProperties = {};
  for (const [name, field] of Object.entries(schema.fields)) {
    properties[name] = name in schema.defaults ? Type.Optional(field) : field;
  }
  if (scoped) properties.customerId = Type.Optional(Nullable(Id));
  return Strict(properties);
}

/** The body of PATCH /api/v1/<kinds>/:id. */
export function updateBody(schema: KindSchema) {
  const properties: TProperties = { expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) };
  for (const [name, field] of Object.entries(schema.fields)) properties[name] = Type.Optional(field);
  return Type.Object(properties, { additionalProperties: false, minProperties: 1 });
}
