import type { MantineColor } from '@mantine/core';
import {
  CONNECTION_DIRECTIONS,
  type ConnectionDirection,
  CRITICALITIES,
  type Criticality,
  ENVIRONMENTS,
  type Environment,
} from '../../shared/prepare-types.ts';

export const CRITICALITY_LABELS: Record<Criticality, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const CRITICALITY_COLORS: Record<Criticality, MantineColor> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  production: 'Production',
  staging: 'Staging',
  test: 'Test',
  development: 'Development',
};

export const DIRECTION_LABELS: Record<ConnectionDirection, string> = {
  outbound: 'Outbound (to the target)',
  inbound: 'Inbound (from the target)',
  both: 'Both ways',
};

export const DIRECTION_SHORT: Record<ConnectionDirection, string> = {
  outbound: '→ out',
  inbound: '← in',
  both: '↔ both',
};

export const CRITICALITY_OPTIONS = CRITICALITIES.map((c) => ({ value: c, label: CRITICALITY_LABELS[c] }));
export const ENVIRONMENT_OPTIONS = ENVIRONMENTS.map((e) => ({ value: e, label: ENVIRONMENT_LABELS[e] }));
export const DIRECTION_OPTIONS = CONNECTION_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }));
