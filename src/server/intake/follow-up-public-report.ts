import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { changeIncident } from '../incidents/change-incident.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { addToTriageReport, findTriageReport, type TriageReport } from '../triage/feed-triage.ts';
import { normaliseReceiptKey, PUBLIC_REPORTER, receiptHash } from './submit-public-report.ts';

/** All a reporter learns about their report: three plain states, never a key, a name or a decision's reason. */
export type PublicReportStatus = 'received' | 'incident' | 'closed';

export interface FollowUp {
  status: PublicReportStatus;
  /** Whether the information given was added (to the triage item, or as a note on the incident). */
  added: boolean;
}

async function statusOf(deps: Deps, item: TriageReport): Promise<PublicReportStatus> {
  if (item.incidentId) {
    const incident = await findIncident(deps.database.db, deps.database.dialect, item.incidentId);
    const status = incident?.state.status;
    return status === 'closed' || status === 'dismissed' ? 'closed' : 'incident';
  }
  return item.status === 'dismissed' ? 'closed' : 'received';
}

/**
 * Finds the report a receipt key belongs to and, when information is given, adds it where the team works on
 * it now: the triage item while it waits, the incident's timeline once it became one. null: no such report
 * (a mistyped or guessed key; the caller answers the same either way).
 */
export async function followUpPublicReport(deps: Deps, key: string, information = ''): Promise<FollowUp | null> {
  const normalised = normaliseReceiptKey(key);
  if (!normalised) return null;
  const hash = receiptHash(normalised);
  const found = await findTriageReport(deps.database.db, hash);
  if (!found) return null;
  const body = information.trim();
  if (!body) return { status: await statusOf(deps, found), added: false };

  // Triage reads the item again, locked (PostgreSQL), inside the transaction: it may have become an incident since
  // the page was shown, and a decision taken meanwhile waits for this message rather than missing it.
  const outcome = await commit(deps, (tx) =>
    addToTriageReport(tx, { dialect: deps.database.dialect, itemId: found.id, body, by: PUBLIC_REPORTER, now: deps.clock.now() }),
  );
  const incidentId = outcome.added ? null : outcome.incidentId;
  // Notes are allowed in every stage, closed included: what the reporter adds reaches the timeline even late.
  if (incidentId) await changeIncident(deps, PUBLIC_REPORTER, incidentId, { type: 'add-note', body });
  const item = (await findTriageReport(deps.database.db, hash)) ?? found;
  return { status: await statusOf(deps, item), added: true };
}
