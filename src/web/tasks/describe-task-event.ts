import type { TimelineEvent } from '../../shared/api-types.ts';
import type { TaskFields } from '../../shared/incident-events.ts';
import { formatAbsolute } from '../core/time.ts';
import type { EventDescription } from '../incidents/event-description.ts';
import { dueWords, TASK_STATUS_LABELS } from './task-labels.ts';

// Timeline wording for tasks: "<actor> <summary>" (reminders are Muster's own and read "Muster …").

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

function when(value: unknown): string {
  return str(value) ? formatAbsolute(value as string) : 'none';
}

/** One changed field in words: "Status: To do → Done". */
function changeLine(field: keyof TaskFields, before: unknown, after: unknown): string | null {
  switch (field) {
    case 'status':
      return `Status: ${TASK_STATUS_LABELS[before as TaskFields['status']] ?? before} → ${TASK_STATUS_LABELS[after as TaskFields['status']] ?? after}`;
    case 'assigneeId':
      return null; // said by assigneeName
    case 'assigneeName':
      return `Assignee: ${str(before) ?? 'nobody'} → ${str(after) ?? 'nobody'}`;
    case 'dueAt':
      return `Due: ${when(before)} → ${when(after)}`;
    case 'due':
      return after ? `Due ${dueWords(after as NonNullable<TaskFields['due']>)}` : null;
    case 'title':
      return `Title: “${before}” → “${after}”`;
    case 'detail':
      return 'Description updated';
    case 'note':
      return str(after) ? `Note: ${after}` : 'Note removed';
  }
}

/** The words for a task event; null for any other type. */
export function describeTaskEvent(event: TimelineEvent): EventDescription | null {
  const { type, data: d } = event;
  const base = { kind: 'step' as const, details: [] as string[], reason: null as string | null, markdown: null };
  switch (type) {
    case 'tasks.applied':
      return {
        ...base,
        summary: `applied the playbook “${d.playbookName}”: ${d.taskIds.length} task${d.taskIds.length === 1 ? '' : 's'}`,
      };
    case 'task.created': {
      const details = [
        ...(str(d.assigneeName) ? [`Assignee: ${d.assigneeName}`] : []),
        ...(str(d.dueAt) ? [`Due ${formatAbsolute(d.dueAt as string)}`] : d.due ? [`Due ${dueWords(d.due)}`] : []),
        ...(d.needsInstruction ? ['Needs the customer’s instruction'] : []),
      ];
      const from = d.playbookId ? 'from the playbook' : '';
      return {
        ...base,
        summary: `added the task “${d.title}”${from ? ` ${from}` : ''}${d.status === 'done' ? ' (already done)' : ''}`,
        details,
      };
    }
    case 'task.changed': {
      const fields = Object.keys(d.changes) as (keyof TaskFields)[];
      const status = d.changes.status;
      const summary = d.override
        ? `marked the task “${d.title}” done without the customer’s instruction (flagged for the review)`
        : status && fields.length === 1
          ? `marked the task “${d.title}” ${TASK_STATUS_LABELS[status].toLowerCase()}`
          : d.changes.assigneeName !== undefined && fields.every((f) => f === 'assigneeId' || f === 'assigneeName')
            ? d.changes.assigneeName
              ? `gave the task “${d.title}” to ${d.changes.assigneeName}`
              : `took the task “${d.title}” off ${str(d.previous.assigneeName) ?? 'its assignee'}`
            : `changed the task “${d.title}”`;
      return {
        ...base,
        summary,
        details: fields.flatMap((f) => changeLine(f, d.previous[f], d.changes[f]) ?? []),
        reason: str(d.override),
      };
    }
    case 'task.reminded':
      return {
        ...base,
        kind: 'missed',
        summary: d.assigneeName
          ? `reminded ${d.assigneeName} that the task “${d.title}” fell due`
          : `noted that the task “${d.title}” fell due with nobody to remind`,
        details: [`Due ${formatAbsolute(d.dueAt)}`],
      };
    default:
      return null;
  }
}
