import type { OpenClock } from '../../shared/api-types.ts';
import type { CustomerObligation } from '../../shared/prepare-types.ts';
import { evaluateObligation, type Obligation, type ObligationFacts } from './obligation.ts';

const OPEN: ReadonlySet<string> = new Set(['waiting', 'running', 'overdue']);

/**
 * Pure: every stage of every switched-on obligation that applies to the facts and is neither met (on time or late)
 * nor waived, in the plan's order. A stage whose clock has not started yet is open too: it is owed all the same.
 */
export function openClocks(
  obligations: readonly CustomerObligation[],
  facts: ObligationFacts,
  waived: Readonly<Record<string, unknown>>,
  now: Date,
): OpenClock[] {
  const open: OpenClock[] = [];
  for (const { definition, enabled } of obligations) {
    if (!enabled) continue;
    const verdict = evaluateObligation(definition as Obligation, facts, now);
    if (!verdict.applies) continue;
    for (const clock of verdict.stages) {
      if (!OPEN.has(clock.status) || waived[`${definition.id}/${clock.stageId}`]) continue;
      open.push({
        obligationId: definition.id,
        stageId: clock.stageId,
        obligation: definition.name,
        stage: clock.name,
        status: clock.status as OpenClock['status'],
        dueAt: clock.dueAt,
      });
    }
  }
  return open;
}

/** "GDPR: notify … — Notification (due 2026-11-23 08:00 UTC, running)": one open clock in words. */
export function describeOpenClock(clock: OpenClock): string {
  const name = `${clock.obligation} — ${clock.stage}`;
  if (clock.status === 'waiting' || !clock.dueAt) return `${name} (not started)`;
  const due = `${clock.dueAt.slice(0, 10)} ${clock.dueAt.slice(11, 16)} UTC`;
  return `${name} (due ${due}, ${clock.status})`;
}

/** Pure: why the incident may not close yet, naming each open clock; null when none is open. */
export function closeBlockedBy(open: readonly OpenClock[]): string | null {
  if (open.length === 0) return null;
  return `Closing needs every obligation that applies met or waived with a reason; still open: ${open.map(describeOpenClock).join('; ')}`;
}
