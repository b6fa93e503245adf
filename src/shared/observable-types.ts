import type { IncidentStatus, Tlp } from './incident-vocabulary.ts';

// Observables as the API shows them (docs/observables.md): indicators seen in an incident, and where else the
// same value was seen. Shared by the server and the web UI: names and shapes only, no logic.

/** Hashes are one type per algorithm, so that the API, the STIX export and a search name the same thing. */
export const OBSERVABLE_TYPES = [
  'ipv4',
  'ipv6',
  'domain',
  'url',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'email',
  'filename',
  'account',
] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

export const OBSERVABLE_TYPE_LABELS: Record<ObservableType, string> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  domain: 'Domain',
  url: 'URL',
  md5: 'MD5 hash',
  sha1: 'SHA-1 hash',
  sha256: 'SHA-256 hash',
  sha512: 'SHA-512 hash',
  email: 'E-mail address',
  filename: 'File name',
  account: 'Account',
};

export const MAX_OBSERVABLE_TAGS = 20;

export interface Observable {
  id: string;
  incidentId: string;
  type: ObservableType;
  /** Normalised: the same indicator always has the same value (docs/observables.md#normalisation). */
  value: string;
  tags: string[];
  /** How far it may be shared outside Muster; who reads it inside is decided by its incident. */
  tlp: Tlp;
  description: string;
  firstSeen: string;
  lastSeen: string;
  addedBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  /** Other incidents the reader may read where the same value was seen. */
  otherIncidents: number;
}

export interface NewObservable {
  /** Omitted: inferred from the value when only one type fits. */
  type?: ObservableType;
  value: string;
  tags?: string[];
  /** Default: the incident's TLP. */
  tlp?: Tlp;
  description?: string;
  /** When it was seen (in a log, a mail…); default: now. */
  seenAt?: string;
}

export interface ObservableChanges {
  tags?: string[];
  tlp?: Tlp;
  description?: string;
}

/** One incident where a value was seen, as GET /observables?value= lists it. */
export interface Sighting {
  observableId: string;
  incidentId: string;
  incidentKey: string;
  incidentTitle: string;
  customerId: string | null;
  customerName: string | null;
  status: IncidentStatus;
  exercise: boolean;
  /** The incident's TLP. */
  incidentTlp: Tlp;
  /** The observable's TLP in that incident. */
  tlp: Tlp;
  tags: string[];
  firstSeen: string;
  lastSeen: string;
}

export interface Sightings {
  type: ObservableType;
  value: string;
  items: Sighting[];
}
