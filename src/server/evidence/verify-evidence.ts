import { createHash } from 'node:crypto';
import type { Actor } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { assertIncidentAccess } from '../incidents/incident-access.ts';
import { type CustodyEntry, recordEvidenceCustody } from './custody.ts';
import { type EvidenceRow, findEvidence, readBlob, updateVerification } from './evidence.queries.ts';
import { assertEvidenceAccess } from './evidence-access.ts';
import { hashStoredFile } from './evidence-files.ts';

export interface Verification {
  ok: boolean;
  expected: string;
  /** null: the stored bytes are missing. */
  actual: string | null;
  at: string;
  custody: CustodyEntry;
}

/** The SHA-256 of an item's stored bytes as they are now (file or, for items stored before 0014, blob); null: missing. */
export async function hashStoredEvidence(tx: Tx, evidenceDir: string, row: Pick<EvidenceRow, 'sha256' | 'storage'>) {
  if (row.storage === 'file') return hashStoredFile(evidenceDir, row.sha256);
  const blob = await readBlob(tx, row.sha256);
  return blob ? createHash('sha256').update(blob).digest('hex') : null;
}

/**
 * Hashes the stored bytes again (streamed, outside any transaction) and records the result as a 'verified' step
 * of the item's custody, and for an incident's item as evidence.verified on its timeline. Missing bytes are a
 * failed verification, not an error.
 */
export async function verifyEvidence(deps: Deps, actor: Actor, evidenceId: string): Promise<Verification> {
  const notFound = `No evidence ${evidenceId}`;
  const row = await assertEvidenceAccess(deps.database.db, deps, actor, evidenceId, 'incident.change');
  const actual = await hashStoredEvidence(deps.database.db, deps.config.evidenceDir, row);
  const result = { ok: actual === row.sha256, expected: row.sha256, actual };
  const by = { id: actor.id, name: actor.name };
  const record = async (tx: Tx, customerId: string | null, now: Date) => {
    const custody = await recordEvidenceCustody(tx, deps.database.dialect, {
      evidenceId,
      customerId,
      by,
      now,
      action: 'verified',
      note: result.ok ? '' : actual === null ? 'The stored file is missing' : 'The stored bytes are not the ones collected',
      details: result,
    });
    await updateVerification(tx, evidenceId, now.toISOString(), result.ok);
    return { ...result, at: now.toISOString(), custody };
  };
  if (!row.incident_id) {
    return commit(deps, async (tx) => {
      const fresh = await assertEvidenceAccess(tx, deps, actor, evidenceId, 'incident.change');
      return record(tx, fresh.customer_id, deps.clock.now());
    });
  }
  let verification: Verification | null = null;
  await appendToIncident(deps, actor, row.incident_id, {
    authorize: (tx, incident) => assertIncidentAccess(tx, actor, incident, 'incident.change', notFound),
    async decide(tx, incident, now) {
      const fresh = await findEvidence(tx, evidenceId);
      if (!fresh || fresh.incident_id !== incident.id) throw new AppError('not_found', notFound);
      verification = await record(tx, fresh.customer_id, now);
      return [{ type: 'evidence.verified', data: { evidenceId, name: fresh.name, ...result } }];
    },
  });
  return verification as unknown as Verification;
}
