import { createHash, randomUUID } from 'node:crypto';
import type { IncidentStatus, Severity, Tlp } from '../../shared/incident-vocabulary.ts';
import { TLP_LABELS } from '../../shared/incident-vocabulary.ts';
import { OBSERVABLE_TYPE_LABELS, type Observable, type ObservableType } from '../../shared/observable-types.ts';

// The incident and its observables as a STIX 2.1 bundle (docs/observables.md#stix). Pure: no I/O, no clock.

/** Muster's own namespace for the UUIDv5 of the objects it exports: the same incident gives the same ids. */
const MUSTER_NAMESPACE = '6fe15cb1-82bb-46df-bf61-5c18b7dd25cb';
/** STIX 2.1 §2.9: the namespace of deterministic cyber-observable ids. */
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** The Incident Core extension (oasis-open/cti-stix-common-objects, extension-definition-specifications/incident-core). */
export const INCIDENT_CORE_EXTENSION = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
/** The TLP 2.0 marking extension (oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0). */
export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The published TLP 2.0 marking definitions' ids: every producer uses these, so consumers recognise them. */
export const TLP2_MARKING_IDS: Record<Tlp, string> = {
  'TLP:CLEAR': 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  'TLP:GREEN': 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  'TLP:AMBER': 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'TLP:AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  'TLP:RED': 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** RFC 4122 §4.3 name-based UUID (SHA-1). */
export function uuidv5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const ours = (type: string, name: string) => `${type}--${uuidv5(MUSTER_NAMESPACE, `${type}/${name}`)}`;

/** The STIX hash names (the hashing-algorithm-ov vocabulary). */
const HASH_NAMES: Partial<Record<ObservableType, string>> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

/** The cyber-observable an observable is, with the one property that identifies it. */
function scoOf(o: Pick<Observable, 'type' | 'value'>): { type: string; property: Record<string, unknown>; path: string } {
  const hash = HASH_NAMES[o.type];
  if (hash)
    return { type: 'file', property: { hashes: { [hash]: o.value } }, path: `hashes.${/^\w+$/.test(hash) ? hash : `'${hash}'`}` };
  switch (o.type) {
    case 'ipv4':
      return { type: 'ipv4-addr', property: { value: o.value }, path: 'value' };
    case 'ipv6':
      return { type: 'ipv6-addr', property: { value: o.value }, path: 'value' };
    case 'domain':
      return { type: 'domain-name', property: { value: o.value }, path: 'value' };
    case 'url':
      return { type: 'url', property: { value: o.value }, path: 'value' };
    case 'email':
      return { type: 'email-addr', property: { value: o.value }, path: 'value' };
    case 'filename':
      return { type: 'file', property: { name: o.value }, path: 'name' };
    default:
      return { type: 'user-account', property: { user_id: o.value }, path: 'user_id' };
  }
}

/** A STIX pattern string literal: backslash and quote escaped (STIX 2.1 §9.2). */
const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The STIX pattern that matches exactly this observable, e.g. [file:hashes.'SHA-256' = '…']. */
export function stixPattern(o: Pick<Observable, 'type' | 'value'>): string {
  const sco = scoOf(o);
  return `[${sco.type}:${sco.path} = ${literal(o.value)}]`;
}

/** STIX 2.1 §2.9: a deterministic SCO id, from the canonical JSON of its identifying properties (keys sorted). */
function scoId(type: string, property: Record<string, unknown>): string {
  const canonical = (v: unknown): string =>
    v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);
  return `${type}--${uuidv5(SCO_NAMESPACE, canonical(property))}`;
}

const RANK = Object.fromEntries(TLP_LABELS.map((tlp, i) => [tlp, i])) as Record<Tlp, number>;
const stricter = (a: Tlp, b: Tlp): Tlp => (RANK[a] >= RANK[b] ? a : b);

/** What the export needs of the incident. */
export interface StixIncident {
  id: string;
  key: string;
  title: string;
  description: string;
  status: IncidentStatus;
  category: string | null;
  tlp: Tlp;
  exercise: boolean;
  severity: Severity | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The Incident Core extension's words for where the incident stands. Its determination vocabulary is about attacks
 * (blocked, successful-attempt…): a confirmed incident (past DP1) is "successful-attempt", before DP1 "suspected".
 */
function incidentCore(incident: StixIncident) {
  const { status } = incident;
  const criticality = incident.severity ? { low: 25, medium: 50, high: 75, critical: 100 }[incident.severity] : null;
  return {
    extension_type: 'property-extension',
    determination: status === 'dismissed' ? 'false-positive' : status === 'reported' ? 'suspected' : 'successful-attempt',
    investigation_status: status === 'reported' ? 'new' : status === 'closed' || status === 'dismissed' ? 'closed' : 'open',
    ...(criticality !== null ? { criticality } : {}),
  };
}

type StixObject = Record<string, unknown> & { type: string; id: string };

/**
 * The bundle: our identity (created_by_ref of everything), the incident with the Incident Core extension, and per
 * observable its cyber-observable, an observed-data, an indicator with its pattern, and the relationships
 * indicator based-on observed-data and indicator related-to incident; each marked with its TLP 2.0 marking
 * definition. Ids are UUIDv5 of Muster's ids, so exporting again updates the same objects in the receiving tool.
 */
export function buildStixBundle(input: { incident: StixIncident; observables: Observable[]; publicUrl: string }): {
  type: 'bundle';
  id: string;
  objects: StixObject[];
} {
  const { incident, observables, publicUrl } = input;
  const identity: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: ours('identity', publicUrl),
    // Fixed, so that every export gives the same object: it describes the installation, not this export.
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name: `Muster (${new URL(publicUrl).host})`,
    identity_class: 'system',
  };
  const used = new Set<Tlp>([incident.tlp]);
  const common = (tlp: Tlp, created: string, modified: string) => {
    used.add(tlp);
    return { spec_version: '2.1', created_by_ref: identity.id, created, modified, object_marking_refs: [TLP2_MARKING_IDS[tlp]] };
  };
  const incidentId = ours('incident', incident.id);
  const labels = [...(incident.category ? [incident.category] : []), ...(incident.exercise ? ['exercise'] : [])];
  const objects: StixObject[] = [
    identity,
    {
      type: 'incident',
      id: incidentId,
      ...common(incident.tlp, incident.createdAt, incident.updatedAt),
      name: `${incident.key}: ${incident.title}`,
      ...(incident.description.trim() ? { description: incident.description } : {}),
      ...(labels.length ? { labels } : {}),
      external_references: [{ source_name: 'muster', external_id: incident.key, url: `${publicUrl}/incidents/${incident.key}` }],
      extensions: { [INCIDENT_CORE_EXTENSION]: incidentCore(incident) },
    },
  ];
  for (const o of observables) {
    const sco = scoOf(o);
    const scoRef = scoId(sco.type, sco.property);
    used.add(o.tlp);
    if (!objects.some((x) => x.id === scoRef)) {
      objects.push({
        type: sco.type,
        spec_version: '2.1',
        id: scoRef,
        ...sco.property,
        object_marking_refs: [TLP2_MARKING_IDS[o.tlp]],
      });
    }
    const observed = ours('observed-data', o.id);
    const indicator = ours('indicator', o.id);
    objects.push(
      {
        type: 'observed-data',
        id: observed,
        ...common(o.tlp, o.createdAt, o.updatedAt),
        first_observed: o.firstSeen,
        last_observed: o.lastSeen,
        number_observed: 1,
        object_refs: [scoRef],
      },
      {
        type: 'indicator',
        id: indicator,
        ...common(o.tlp, o.createdAt, o.updatedAt),
        name: `${OBSERVABLE_TYPE_LABELS[o.type]} ${o.value}`,
        ...(o.description ? { description: o.description } : {}),
        ...(o.tags.length ? { labels: o.tags } : {}),
        pattern: stixPattern(o),
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: o.firstSeen,
      },
      {
        type: 'relationship',
        id: ours('relationship', `based-on/${o.id}`),
        ...common(o.tlp, o.createdAt, o.updatedAt),
        relationship_type: 'based-on',
        source_ref: indicator,
        target_ref: observed,
      },
      {
        type: 'relationship',
        id: ours('relationship', `related-to/${o.id}`),
        ...common(stricter(o.tlp, incident.tlp), o.createdAt, o.updatedAt),
        relationship_type: 'related-to',
        source_ref: indicator,
        target_ref: incidentId,
      },
    );
  }
  const markings = TLP_LABELS.filter((tlp) => used.has(tlp)).map((tlp) => ({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: tlp,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp.slice(4).toLowerCase() } },
  }));
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [...markings, ...objects] };
}
