import { Type } from 'typebox';
import { CONFIDENCE_LEVELS, EFFECT_CHOICES, EFFECT_QUESTIONS, SCAN_RESULTS } from '../../shared/effects.ts';
import { IMPACT_LEVELS, SEVERITIES } from '../../shared/incident-vocabulary.ts';
import { IncidentAllowedSchema } from '../auth/allowed.schemas.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';
import { ImpactSchema, Incident } from '../incidents/incidents.schemas.ts';

const Choice = Enum(EFFECT_CHOICES);
const ConfidenceValue = Enum(CONFIDENCE_LEVELS);
const Time = Type.String({ format: 'date-time' });
const Dimension = Enum(['confidentiality', 'integrity', 'availability'] as const);
const QuestionId = Type.String({ description: `One of: ${EFFECT_QUESTIONS.map((q) => q.id).join(', ')}` });

const Scan = Type.Object(
  { toolkit: Text(200, 1), result: Enum(SCAN_RESULTS), note: Type.Optional(Text(500)) },
  { additionalProperties: false },
);

// The question is checked by the use-case, after the access check, so that its 400 can name the unknown id.
const AnswerInput = Type.Object(
  {
    question: Text(100, 1),
    answer: Choice,
    detail: Type.Optional(Text(5000)),
    confidence: Type.Optional(Nullable(ConfidenceValue)),
    volume: Type.Optional(Text(500)),
    scans: Type.Optional(Type.Array(Scan, { maxItems: 20 })),
    recentBackups: Type.Optional(Choice),
    lastBackupAt: Type.Optional(Nullable(Time)),
  },
  { additionalProperties: false },
);

export const EffectsBody = Type.Object(
  {
    answers: Type.Array(AnswerInput, { minItems: 1, maxItems: EFFECT_QUESTIONS.length }),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const AnswerView = Type.Object({
  question: QuestionId,
  text: Type.String(),
  hint: Type.String(),
  answer: Nullable(Choice),
  detail: Type.String(),
  confidence: Nullable(ConfidenceValue),
  volume: Type.Optional(Type.String()),
  scans: Type.Optional(Type.Array(Type.Object({ toolkit: Type.String(), result: Enum(SCAN_RESULTS), note: Type.String() }))),
  recentBackups: Type.Optional(Choice),
  lastBackupAt: Type.Optional(Nullable(Type.String())),
  answeredAt: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
});

export const EffectsAssessment = Type.Object({
  incidentId: Type.String(),
  incidentKey: Type.String(),
  version: Type.Integer(),
  answers: Type.Array(AnswerView),
  answered: Type.Integer(),
  total: Type.Integer(),
  impact: Nullable(ImpactSchema),
  proposedImpact: Nullable(ImpactSchema),
  proposedSeverity: Nullable(Enum(SEVERITIES)),
  raises: Type.Array(
    Type.Object({
      dimension: Dimension,
      from: Nullable(Enum(IMPACT_LEVELS)),
      to: Enum(IMPACT_LEVELS),
      because: Type.Array(QuestionId),
    }),
  ),
  severity: Nullable(Enum(SEVERITIES)),
  severityOverridden: Type.Boolean(),
  personalData: Nullable(Type.Boolean()),
  warnings: Type.Array(Type.Object({ question: QuestionId, message: Type.String() })),
  clocks: Type.Array(
    Type.Object({
      obligationId: Type.String(),
      obligationName: Type.String(),
      stageId: Type.String(),
      stageName: Type.String(),
      status: Type.String(),
      startedAt: Nullable(Type.String()),
      dueAt: Nullable(Type.String()),
    }),
  ),
  updatedAt: Nullable(Type.String()),
  allowed: IncidentAllowedSchema,
});

/** The answer to a PUT: the assessment, and the incident it changed (its personal data, version and severity). */
export const EffectsChanged = Type.Object({
  ...EffectsAssessment.properties,
  incident: Incident,
});
