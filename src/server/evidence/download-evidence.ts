import type { Readable } from 'node:stream';
import type { Actor } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { recordEvidenceCustody } from './custody.ts';
import { type EvidenceRow, readBlob } from './evidence.queries.ts';
import { assertEvidenceAccess } from './evidence-access.ts';
import { openStoredFile } from './evidence-files.ts';

/**
 * Opens an item's bytes for whoever may read it and records the download as a step of its chain of custody
 * (who, when) before a byte is sent. Files are streamed; only items stored before 0014 come from the database.
 */
export async function downloadEvidence(
  deps: Deps,
  actor: Actor,
  evidenceId: string,
): Promise<{ row: EvidenceRow; body: Readable | Buffer; size: number }> {
  const row = await assertEvidenceAccess(deps.database.db, deps, actor, evidenceId, 'incident.read');
  let content: { body: Readable | Buffer; size: number } | null = null;
  if (row.storage === 'file') {
    const file = await openStoredFile(deps.config.evidenceDir, row.sha256);
    if (file) content = { body: file.stream, size: file.size };
  } else {
    const blob = await readBlob(deps.database.db, row.sha256);
    if (blob) content = { body: blob, size: blob.length };
  }
  if (!content) throw new AppError('not_found', `The content of evidence ${evidenceId} is missing`);
  try {
    await commit(deps, async (tx) => {
      const fresh = await assertEvidenceAccess(tx, deps, actor, evidenceId, 'incident.read');
      await recordEvidenceCustody(tx, deps.database.dialect, {
        evidenceId,
        customerId: fresh.customer_id,
        by: { id: actor.id, name: actor.name },
        now: deps.clock.now(),
        action: 'downloaded',
        details: { sha256: row.sha256, size: content?.size },
      });
    });
  } catch (error) {
    if (!Buffer.isBuffer(content.body)) content.body.destroy();
    throw error;
  }
  return { row, ...content };
}
