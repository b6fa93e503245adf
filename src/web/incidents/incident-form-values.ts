import type { Incident, NewIncident } from '../../shared/api-types.ts';
import type { Impact, ImpactLevel, Origin, Tlp } from '../../shared/incident-vocabulary.ts';
import { fromLocalInput, toLocalInput } from '../core/time.ts';

/** "unknown" in a C/I/A control means "not assessed yet". */
export type ImpactChoice = ImpactLevel | 'unknown';
export type PersonalDataChoice = 'yes' | 'no' | 'unknown';

/** The editable incident fields as form inputs hold them (strings for times, choices for nullables). */
export interface IncidentFormValues {
  title: string;
  description: string;
  category: string | null;
  origin: Origin;
  impact: { confidentiality: ImpactChoice; integrity: ImpactChoice; availability: ImpactChoice };
  tlp: Tlp;
  personalData: PersonalDataChoice;
  exercise: boolean;
  occurredAt: string;
  detectedAt: string;
  awareAt: string;
  /** null: no customer (only while no customer exists). */
  customerId: string | null;
  serviceIds: string[];
}

export const EMPTY_INCIDENT_FORM: IncidentFormValues = {
  title: '',
  description: '',
  category: null,
  origin: 'unknown',
  impact: { confidentiality: 'unknown', integrity: 'unknown', availability: 'unknown' },
  tlp: 'TLP:AMBER',
  personalData: 'unknown',
  exercise: false,
  occurredAt: '',
  detectedAt: '',
  awareAt: '',
  customerId: null,
  serviceIds: [],
};

export function toFormValues(incident: Incident): IncidentFormValues {
  return {
    title: incident.title,
    description: incident.description,
    category: incident.category,
    origin: incident.origin,
    impact: incident.impact ?? EMPTY_INCIDENT_FORM.impact,
    tlp: incident.tlp,
    personalData: incident.personalData === null ? 'unknown' : incident.personalData ? 'yes' : 'no',
    exercise: incident.exercise,
    occurredAt: toLocalInput(incident.times.occurredAt),
    detectedAt: toLocalInput(incident.times.detectedAt),
    awareAt: toLocalInput(incident.times.awareAt),
    customerId: incident.customerId ?? null,
    serviceIds: incident.serviceIds ?? [],
  };
}

function toImpact(values: IncidentFormValues['impact']): Impact | null {
  const { confidentiality, integrity, availability } = values;
  if (confidentiality === 'unknown' || integrity === 'unknown' || availability === 'unknown') return null;
  return { confidentiality, integrity, availability };
}

/** The API body for these values; empty times are null. */
export function fromFormValues(values: IncidentFormValues): Required<NewIncident> {
  return {
    title: values.title.trim(),
    description: values.description,
    category: values.category || null,
    origin: values.origin,
    impact: toImpact(values.impact),
    tlp: values.tlp,
    personalData: values.personalData === 'unknown' ? null : values.personalData === 'yes',
    exercise: values.exercise,
    occurredAt: fromLocalInput(values.occurredAt),
    detectedAt: fromLocalInput(values.detectedAt),
    awareAt: fromLocalInput(values.awareAt),
    customerId: values.customerId,
    serviceIds: values.serviceIds,
  };
}

/** Client-side checks that save a round trip; the server checks everything again. */
export const incidentFormValidation = {
  title: (v: string) =>
    v.trim() ? (v.length > 300 ? 'Keep the title under 300 characters' : null) : 'Give the incident a short title',
  impact: (v: IncidentFormValues['impact']) => {
    const set = Object.values(v).filter((x) => x !== 'unknown').length;
    return set === 0 || set === 3 ? null : 'Rate all three of confidentiality, integrity and availability, or none yet';
  },
  occurredAt: (v: string) => futureCheck(v),
  detectedAt: (v: string) => futureCheck(v),
  awareAt: (v: string) => futureCheck(v),
};

function futureCheck(value: string): string | null {
  const iso = fromLocalInput(value);
  return iso && Date.parse(iso) > Date.now() + 5 * 60_000 ? 'This time is in the future' : null;
}

/** Maps a server field name (e.g. "impact.integrity") to the form path that shows it. */
export function formFieldFor(field: string | undefined): keyof IncidentFormValues | 'impact' | null {
  if (!field) return null;
  const top = field.split('.')[0] as keyof IncidentFormValues;
  return top in EMPTY_INCIDENT_FORM ? top : null;
}
