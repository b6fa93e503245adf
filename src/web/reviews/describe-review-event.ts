import type { TimelineEvent } from '../../shared/api-types.ts';
import type { ReviewFields } from '../../shared/review-types.ts';
import type { EventDescription } from '../incidents/event-description.ts';
import { REVIEW_FIELD_LABELS } from './review-labels.ts';

// Timeline wording for the post-incident review: "<actor> <summary>".

const MAX = 160;
const short = (text: string) => (text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text);

/** One changed field in words; long text is cut, the review itself holds it whole. */
function changeLine(field: keyof ReviewFields, after: unknown): string {
  const label = REVIEW_FIELD_LABELS[field] ?? field;
  if (Array.isArray(after)) return `${label}: ${after.length ? after.join(', ') : 'nobody'}`;
  const text = typeof after === 'string' ? after.trim() : '';
  return text ? `${label}: ${short(text)}` : `${label}: cleared`;
}

/** The words for a review event; null for any other type. */
export function describeReviewEvent(event: TimelineEvent): EventDescription | null {
  const { type, data: d } = event;
  const base = { kind: 'decision' as const, details: [] as string[], reason: null as string | null, markdown: null };
  switch (type) {
    case 'review.opened':
      return {
        ...base,
        kind: 'milestone',
        summary: 'opened the post-incident review',
        details: [d.required ? 'Required before the incident closes' : 'Not required before the incident closes'],
      };
    case 'review.updated': {
      const fields = Object.keys(d.changes) as (keyof ReviewFields)[];
      return {
        ...base,
        kind: 'update',
        summary: `updated the review: ${fields.map((f) => REVIEW_FIELD_LABELS[f]?.toLowerCase() ?? f).join(', ')}`,
        details: fields.map((f) => changeLine(f, d.changes[f])),
      };
    }
    case 'review.completed':
      return { ...base, summary: 'completed the post-incident review (its findings are kept as they stand)' };
    case 'review.waived':
      return { ...base, summary: 'waived the post-incident review: the incident may close without one', reason: d.reason };
    default:
      return null;
  }
}
