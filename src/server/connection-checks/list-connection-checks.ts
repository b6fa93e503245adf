import type { ConnectionCheck } from '../../shared/connection-check-types.ts';
import type { Service } from '../../shared/prepare-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { listRecords } from '../registry/records.queries.ts';
import { recordView } from '../registry/save-record.ts';
import { listIncidentChecks } from './connection-checks.queries.ts';
import { checkAnswers, checkConnections, checkView, compromisedServices } from './connection-checks.views.ts';

/**
 * The incident's connection checks, newest first, for whoever may read the incident (404 otherwise); an answered
 * one names the services its compromised connections lead to, suggesting those not on the incident now.
 */
export async function listConnectionChecks(deps: Deps, actor: Actor, incidentIdOrKey: string): Promise<ConnectionCheck[]> {
  const { state } = await readIncident(deps, actor, incidentIdOrKey);
  const { db } = deps.database;
  const rows = await listIncidentChecks(db, state.id);
  const now = deps.clock.now();
  const compromised = rows.some((r) => Object.values(checkAnswers(r) ?? {}).some((a) => a.status === 'compromised'));
  const services =
    compromised && state.customerId
      ? (await listRecords(db, { kind: 'service', customerId: state.customerId, visible: null })).map((row) =>
          recordView<Service>(row),
        )
      : [];
  return rows.map((row) =>
    checkView(row, now, compromisedServices(checkConnections(row), checkAnswers(row), services, state.serviceIds)),
  );
}
