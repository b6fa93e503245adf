import { EFFECT_QUESTIONS, type EffectAnswerView, type EffectsAssessment, type EffectsClock } from '../../shared/effects.ts';
import { incidentAllowed } from '../auth/allowed.ts';
import type { Actor } from '../auth/policy.ts';
import type { DeadlineRow } from '../deadlines/deadlines.queries.ts';
import { effectiveSeverity } from '../incidents/incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { effectsWarnings } from './effects-warnings.ts';
import { proposeImpact } from './propose-impact.ts';

/** The assessment as the API shows it: every question in order, what the answers propose, and the incident's clocks. */
export function effectsView(state: IncidentState, actor: Actor, deadlines: DeadlineRow[]): EffectsAssessment {
  const effects = state.effects;
  const answers = EFFECT_QUESTIONS.map((q): EffectAnswerView => {
    const given = effects?.[q.id];
    const view: EffectAnswerView = {
      question: q.id,
      text: q.text,
      hint: q.hint,
      answer: given?.answer ?? null,
      detail: given?.detail ?? '',
      confidence: given?.confidence ?? null,
      answeredAt: given?.at ?? null,
      answeredBy: given?.by ?? null,
    };
    if (q.extra === 'volume') view.volume = given?.volume ?? '';
    if (q.extra === 'scans') view.scans = given?.scans ?? [];
    if (q.extra === 'backups') {
      view.recentBackups = given?.recentBackups ?? 'unknown';
      view.lastBackupAt = given?.lastBackupAt ?? null;
    }
    return view;
  });
  const times = answers.flatMap((a) => (a.answeredAt ? [a.answeredAt] : [])).sort();
  const proposal = proposeImpact(state.impact, effects);
  return {
    incidentId: state.id,
    incidentKey: state.key,
    version: state.version,
    answers,
    answered: times.length,
    total: answers.length,
    impact: state.impact,
    proposedImpact: proposal.impact,
    proposedSeverity: proposal.severity,
    raises: proposal.raises,
    severity: effectiveSeverity(state),
    severityOverridden: Boolean(state.severityOverride),
    personalData: state.personalData,
    warnings: effectsWarnings(effects, state.personalData),
    clocks: clocksOf(deadlines),
    updatedAt: times.at(-1) ?? null,
    allowed: incidentAllowed(actor, state),
  };
}

/** Soonest due first, clocks not yet started last (the same on both databases). */
function clocksOf(rows: DeadlineRow[]): EffectsClock[] {
  return [...rows]
    .sort((a, b) => (a.due_at ?? '\uffff').localeCompare(b.due_at ?? '\uffff'))
    .map((r) => ({
      obligationId: r.obligation_id,
      obligationName: r.obligation_name,
      stageId: r.stage_id,
      stageName: r.stage_name,
      status: r.status,
      startedAt: r.started_at,
      dueAt: r.due_at,
    }));
}
