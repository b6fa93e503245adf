import type { TimelineEvent } from '../../shared/api-types.ts';
import type { ObservableFields } from '../../shared/incident-events.ts';
import { OBSERVABLE_TYPE_LABELS, type ObservableType } from '../../shared/observable-types.ts';
import { formatAbsolute } from '../core/time.ts';
import type { EventDescription } from '../incidents/event-description.ts';

// Timeline wording for observables: "<actor> added the IPv4 address 203.0.113.9".

/** "the domain evil.example", "the IPv4 address 203.0.113.9": acronyms keep their capitals. */
const what = (type: ObservableType, value: string) =>
  `the ${(OBSERVABLE_TYPE_LABELS[type] ?? type).replace(/^[A-Z](?=[a-z-])/, (c) => c.toLowerCase())} ${value}`;

const tagList = (tags: string[]) => (tags.length ? tags.join(', ') : 'none');

function changeLine(field: keyof ObservableFields, before: unknown, after: unknown): string {
  if (field === 'tags') return `Tags: ${tagList((before as string[]) ?? [])} → ${tagList((after as string[]) ?? [])}`;
  if (field === 'tlp') return `TLP: ${before ?? '—'} → ${after}`;
  return after ? `Description: ${after}` : 'Description removed';
}

/** The words for an observable event; null for any other type. */
export function describeObservableEvent(event: TimelineEvent): EventDescription | null {
  const base = { kind: 'note' as const, details: [] as string[], reason: null, markdown: null };
  switch (event.type) {
    case 'observable.added': {
      const d = event.data;
      const seen =
        Math.abs(Date.parse(d.seenAt) - Date.parse(event.occurredAt)) > 60_000 ? [`Seen ${formatAbsolute(d.seenAt)}`] : [];
      return {
        ...base,
        summary: d.again ? `saw ${what(d.type, d.value)} again` : `added ${what(d.type, d.value)}`,
        details: [`TLP: ${d.tlp}`, ...(d.tags.length ? [`Tags: ${d.tags.join(', ')}`] : []), ...seen].concat(
          d.description && !d.again ? [d.description] : [],
        ),
      };
    }
    case 'observable.changed': {
      const d = event.data;
      const fields = Object.keys(d.changes) as (keyof ObservableFields)[];
      return {
        ...base,
        summary: `changed ${what(d.type, d.value)}`,
        details: fields.map((f) => changeLine(f, d.previous[f], d.changes[f])),
      };
    }
    case 'observable.removed':
      return { ...base, summary: `removed ${what(event.data.type, event.data.value)}` };
    default:
      return null;
  }
}
