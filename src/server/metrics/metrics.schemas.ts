import { Type } from 'typebox';
import { METRIC_DURATIONS, METRIC_GROUPINGS } from '../../shared/metrics-types.ts';
import { Enum, Nullable, Text } from '../core/http/schema-types.ts';

export const MetricsQuery = Type.Object(
  {
    /** RFC 3339; incidents reported at or after it. Checked by the use-case, so that the 400 says what a good one is. */
    from: Type.Optional(Text(40)),
    /** RFC 3339; incidents reported before it. */
    to: Type.Optional(Text(40)),
    customerId: Type.Optional(Text(100, 1)),
    groupBy: Type.Optional(Enum(METRIC_GROUPINGS)),
  },
  { additionalProperties: false },
);

const Duration = Type.Object({ n: Type.Integer(), medianMs: Nullable(Type.Number()), p90Ms: Nullable(Type.Number()) });

const Compliance = {
  met: Type.Integer(),
  metLate: Type.Integer(),
  missed: Type.Integer(),
  waived: Type.Integer(),
};

const figures = {
  counts: Type.Object({
    incidents: Type.Integer(),
    dismissed: Type.Integer(),
    open: Type.Integer(),
    closed: Type.Integer(),
    instructionsRequested: Type.Integer(),
    instructionsAnswered: Type.Integer(),
  }),
  durations: Type.Object(Object.fromEntries(METRIC_DURATIONS.map((d) => [d, Duration]))),
  obligations: Type.Object(Compliance),
  stages: Type.Array(Type.Object({ obligationId: Type.String(), stageId: Type.String(), ...Compliance })),
};

const Side = Type.Object({
  overall: Type.Object(figures),
  groups: Type.Array(Type.Object({ key: Nullable(Type.String()), label: Type.String(), ...figures })),
});

export const MetricsReply = Type.Object({
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  customerId: Nullable(Type.String()),
  groupBy: Enum(METRIC_GROUPINGS),
  real: Side,
  exercises: Side,
});
