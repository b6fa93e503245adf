import { add } from 'date-fns/add';
import type { Origin, Severity } from '../../shared/incident-vocabulary.ts';
import type {
  Criticality,
  ObligationCondition,
  ObligationDefinition,
  ObligationDuration,
  ObligationVerdict,
  StageClock,
} from '../../shared/prepare-types.ts';

/**
 * A reporting obligation (its shape is the API's ObligationDefinition, with typed clock starts): who must be
 * told, by when, about what. Pure data plus pure evaluation, so that the same rules drive the clocks on the
 * incident page, reminders and the proof that obligations were met.
 */
export interface Obligation extends Omit<ObligationDefinition, 'stages'> {
  /** Reporting stages in order (early warning, notification, final report…). */
  stages: ObligationStage[];
}

export interface ObligationStage {
  id: string;
  name: string;
  /** The stage is due at the EARLIEST of these deadlines whose clock has started. */
  deadlines: Deadline[];
  /** Shown instead of a duration when the law says e.g. "without undue delay". */
  wording?: string;
}

/** A deadline runs from a clock: awareness, classification (DP2), a named determination, or an earlier stage's submission. */
export interface Deadline {
  from: ClockStart;
  after: Duration;
}

export type ClockStart = 'aware' | 'classified' | `determination:${string}` | `stage:${string}`;
export type Duration = ObligationDuration;
export type Condition = ObligationCondition;
export type { Criticality };

const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };
const CRITICALITY_RANK: Record<Criticality, number> = { low: 1, medium: 2, high: 3, critical: 4 };

/** What evaluation needs to know about an incident. */
export interface ObligationFacts {
  personalData: boolean | null;
  severity: Severity | null;
  category: string | null;
  origin: Origin;
  /** The highest criticality among the affected services, if any. */
  serviceCriticality: Criticality | null;
  awareAt: string | null;
  classifiedAt: string | null;
  /** Named determinations and when they were made, e.g. { major: "2026-…" }. */
  determinations: Record<string, string>;
  /** When each stage ("obligationId/stageId") was submitted. */
  submissions: Record<string, string>;
}

export function conditionHolds(condition: Condition, facts: ObligationFacts): boolean {
  switch (condition.field) {
    case 'personalData':
      return facts.personalData === condition.equals;
    case 'severity':
      return facts.severity !== null && SEVERITY_RANK[facts.severity] >= SEVERITY_RANK[condition.atLeast];
    case 'category':
      return facts.category !== null && condition.in.some((c) => facts.category === c || facts.category?.startsWith(`${c}/`));
    case 'origin':
      return condition.in.includes(facts.origin);
    case 'serviceCriticality':
      return (
        facts.serviceCriticality !== null && CRITICALITY_RANK[facts.serviceCriticality] >= CRITICALITY_RANK[condition.atLeast]
      );
    case 'determination':
      return condition.made in facts.determinations;
  }
}

function clockStart(from: ClockStart, obligationId: string, facts: ObligationFacts): string | null {
  if (from === 'aware') return facts.awareAt;
  if (from === 'classified') return facts.classifiedAt;
  if (from.startsWith('determination:')) return facts.determinations[from.slice('determination:'.length)] ?? null;
  return facts.submissions[`${obligationId}/${from.slice('stage:'.length)}`] ?? null;
}

/** Pure: whether the obligation applies to these facts and, stage by stage, when each is due and whether it was met. */
export function evaluateObligation(obligation: Obligation, facts: ObligationFacts, now: Date): ObligationVerdict {
  const applies = obligation.trigger.every((c) => conditionHolds(c, facts));
  const stages = obligation.stages.map((stage): StageClock => {
    let dueAt: Date | null = null;
    let startedAt: string | null = null;
    for (const deadline of stage.deadlines) {
      const start = clockStart(deadline.from, obligation.id, facts);
      if (!start) continue;
      const due = add(new Date(start), deadline.after);
      if (!dueAt || due < dueAt) {
        dueAt = due;
        startedAt = start;
      }
    }
    const submittedAt = facts.submissions[`${obligation.id}/${stage.id}`] ?? null;
    let status: StageClock['status'];
    if (submittedAt) status = dueAt && new Date(submittedAt) > dueAt ? 'met-late' : 'met';
    else if (!dueAt) status = 'waiting';
    else status = now > dueAt ? 'overdue' : 'running';
    return {
      stageId: stage.id,
      name: stage.name,
      dueAt: dueAt?.toISOString() ?? null,
      startedAt,
      submittedAt,
      status,
      ...(stage.wording ? { wording: stage.wording } : {}),
    };
  });
  return { obligationId: obligation.id, applies, stages };
}
