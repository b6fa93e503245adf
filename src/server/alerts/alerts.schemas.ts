import { type TSchema, Type } from 'typebox';
import { SEVERITIES } from '../../shared/incident-vocabulary.ts';
import { ALERT_STATUSES, RULE_ACTIONS } from '../../shared/triage-types.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';
import { batchValidatorCompiler } from '../core/http/validator.ts';

export const MAX_LABELS = 128;
export const MAX_BATCH = 5_000;
export const MAX_RULE_POSITION = 1_000_000;

const Labels = (max: number, valueLength: number) =>
  Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Text(valueLength), { maxProperties: max });

const AlertInputSchema = Type.Object(
  {
    source: Type.Optional(Text(200, 1)),
    fingerprint: Type.Optional(Text(256, 1)),
    title: Text(500, 1),
    severity: Type.Optional(Enum(SEVERITIES)),
    labels: Labels(MAX_LABELS, 4096),
    annotations: Type.Optional(Labels(64, 16_384)),
    startsAt: Type.Optional(Text(40, 1)),
    endsAt: Type.Optional(Text(40, 1)),
    status: Enum(ALERT_STATUSES),
  },
  { additionalProperties: false },
);

export const AlertsBody = Type.Union([AlertInputSchema, Type.Array(AlertInputSchema, { minItems: 1, maxItems: MAX_BATCH })]);
const AlertsBatch = Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BATCH });
/** AlertsBody, checked in turns. */
export const alertsBodyInTurns = batchValidatorCompiler((body) =>
  Array.isArray(body)
    ? { envelope: AlertsBatch, items: { schema: AlertInputSchema, values: body, path: '' } }
    : { envelope: AlertInputSchema },
);

const AlertmanagerAlert = Type.Object({
  status: Enum(ALERT_STATUSES),
  labels: Labels(MAX_LABELS, 4096),
  annotations: Type.Optional(Labels(64, 16_384)),
  startsAt: Type.Optional(Text(40)),
  endsAt: Type.Optional(Text(40)),
  generatorURL: Type.Optional(Text(4096)),
  fingerprint: Type.Optional(Text(256, 1)),
});
const alertmanagerEnvelope = <T extends TSchema>(alert: T) =>
  Type.Object({
    version: Type.Literal('4'),
    status: Enum(ALERT_STATUSES),
    alerts: Type.Array(alert, { maxItems: MAX_BATCH }),
  });

/** Alertmanager's webhook payload (version 4), taken as Alertmanager sends it. */
export const AlertmanagerBody = alertmanagerEnvelope(AlertmanagerAlert);
/** AlertmanagerBody, checked in turns. */
const AlertmanagerBatch = alertmanagerEnvelope(Type.Unknown());
export const alertmanagerBodyInTurns = batchValidatorCompiler((body) => ({
  envelope: AlertmanagerBatch,
  items: { schema: AlertmanagerAlert, values: (body as { alerts: unknown[] } | null)?.alerts ?? [], path: '/alerts' },
}));

const AlertReceiptSchema = Type.Object({
  fingerprint: Type.String(),
  status: Type.String(),
  count: Type.Integer(),
  groupId: Nullable(Type.String()),
  silenced: Type.Boolean(),
});

export const IngestReply = Type.Object({ accepted: Type.Integer(), alerts: Type.Array(AlertReceiptSchema) });

export const SourceBody = Type.Object(
  {
    name: Text(200, 1),
    customerId: Text(100, 1),
    serviceId: Type.Optional(Nullable(Text(100, 1))),
    fingerprintLabels: Type.Optional(Type.Array(Text(200, 1), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const RuleBody = Type.Object(
  {
    name: Text(200, 1),
    customerId: Nullable(Text(100, 1)),
    match: Type.Object(
      {
        severities: Type.Optional(Type.Array(Enum(SEVERITIES), { maxItems: 4 })),
        labels: Type.Optional(Labels(32, 1000)),
        sourceId: Type.Optional(Text(100, 1)),
      },
      { additionalProperties: false },
    ),
    groupBy: Type.Array(Text(200, 1), { maxItems: 20 }),
    windowMinutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }),
    action: Enum(RULE_ACTIONS),
    incident: Type.Optional(Nullable(Text(100, 1))),
    // Far below the column's limit, so that rules appended after it (10 apart) still fit.
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_RULE_POSITION })),
  },
  { additionalProperties: false },
);

export const SilenceBody = Type.Object(
  {
    customerId: Text(100, 1),
    fingerprint: Text(256, 1),
    minutes: Type.Integer({ minimum: 1, maximum: 90 * 24 * 60 }),
    reason: Text(2000, 1),
  },
  { additionalProperties: false },
);
