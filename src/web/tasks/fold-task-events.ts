import type { TimelineEvent } from '../../shared/api-types.ts';

export interface ShownEvent {
  event: TimelineEvent;
  /** The task.created events a tasks.applied stands for (shown inside it, not one line each). */
  folded: TimelineEvent[];
}

/**
 * The timeline as it reads best: a playbook applied as tasks is one entry listing its tasks, not one per task. The
 * events stay as recorded (the API, exports and the hash chain have every one); only the page folds them.
 */
export function foldAppliedTasks(events: TimelineEvent[]): ShownEvent[] {
  const shown: ShownEvent[] = [];
  const appliedBy = new Map<string, ShownEvent>();
  for (const event of events) {
    if (event.type === 'task.created') {
      const applied = appliedBy.get(event.data.taskId);
      if (applied) {
        applied.folded.push(event);
        continue;
      }
    }
    const entry: ShownEvent = { event, folded: [] };
    if (event.type === 'tasks.applied') for (const id of event.data.taskIds) appliedBy.set(id, entry);
    shown.push(entry);
  }
  return shown;
}

/** One task of an applied playbook in its entry: "Isolate affected systems — Rita Responder". */
export function taskLine(event: TimelineEvent): string {
  if (event.type !== 'task.created') return event.type;
  const { title, assigneeName } = event.data;
  return assigneeName ? `${title} — ${assigneeName}` : title;
}
