import type { TimelineEvent } from '../../shared/api-types.ts';
import type { ActionFields, ActionStatus, ActionTarget } from '../../shared/review-types.ts';
import { formatAbsolute } from '../core/time.ts';
import type { EventDescription } from '../incidents/event-description.ts';
import { ACTION_STATUS_LABELS, targetWords } from './action-labels.ts';

// Timeline wording for review actions: "<actor> <summary>" (reminders are Muster's own and read "Muster …").

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

const when = (value: unknown) => (str(value) ? formatAbsolute(value as string) : 'none');
const status = (value: unknown) => ACTION_STATUS_LABELS[value as ActionStatus] ?? String(value);

/** One changed field in words: "Status: To do → Done". */
function changeLine(field: keyof ActionFields, before: unknown, after: unknown): string | null {
  switch (field) {
    case 'status':
      return `Status: ${status(before)} → ${status(after)}`;
    case 'ownerId':
      return null; // said by ownerName
    case 'ownerName':
      return `Owner: ${str(before) ?? 'nobody'} → ${str(after) ?? 'nobody'}`;
    case 'dueAt':
      return `Due: ${when(before)} → ${when(after)}`;
    case 'title':
      return `Title: “${before}” → “${after}”`;
    case 'detail':
      return 'Details updated';
    case 'target':
      return `Changes: ${targetWords(before as ActionTarget | null) ?? 'nothing in the plan'} → ${targetWords(after as ActionTarget | null) ?? 'nothing in the plan'}`;
  }
}

/** The words for a review action event; null for any other type. */
export function describeActionEvent(event: TimelineEvent): EventDescription | null {
  const base = { kind: 'step' as const, details: [] as string[], reason: null as string | null, markdown: null };
  const d = event.data as Record<string, unknown>;
  const title = `“${String(d.title)}”`;
  switch (event.type) {
    case 'action.created':
      return {
        ...base,
        summary: `added the action ${title} from the review`,
        details: [
          ...(str(d.ownerName) ? [`Owner: ${d.ownerName}`] : []),
          ...(str(d.dueAt) ? [`Due ${formatAbsolute(d.dueAt as string)}`] : []),
          ...(d.target ? [`Changes: ${targetWords(d.target as ActionTarget)}`] : []),
        ],
      };
    case 'action.changed': {
      const changes = (d.changes ?? {}) as Partial<ActionFields>;
      const previous = (d.previous ?? {}) as Record<string, unknown>;
      const fields = Object.keys(changes) as (keyof ActionFields)[];
      const summary =
        changes.status && fields.length === 1
          ? `marked the action ${title} ${status(changes.status).toLowerCase()}`
          : `changed the action ${title}`;
      return {
        ...base,
        summary,
        details: fields.flatMap((f) => changeLine(f, previous[f], (changes as Record<string, unknown>)[f]) ?? []),
      };
    }
    case 'action.drafted':
      return {
        ...base,
        summary: `started work on the action ${title}: ${targetWords(d.target as ActionTarget)?.toLowerCase() ?? 'its target'} is being drafted`,
      };
    case 'action.completed':
      return {
        ...base,
        kind: 'milestone',
        summary: `published version ${String(d.version)} of the customer’s plan, which completes the action ${title}`,
      };
    case 'action.reminded':
      return {
        ...base,
        kind: 'missed',
        summary: d.ownerId
          ? `reminded its owner that the action ${title} fell due`
          : `noted that the action ${title} fell due with nobody to remind`,
        details: [`Due ${when(d.dueAt)}`],
      };
    default:
      return null;
  }
}
