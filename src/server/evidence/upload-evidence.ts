import type { EvidenceItem } from '../../shared/triage-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { isShaReferenced } from './evidence.queries.ts';
import { type PlacedFile, settleAfterCommit, settleAfterRollback } from './evidence-files.ts';
import { evidenceAddedEvent, storeEvidence } from './store-evidence.ts';

export interface UploadedEvidence {
  file: PlacedFile;
  name: string;
  claimedContentType: string | null;
  source: string;
  collectedBy: string;
  collectedAt: Date;
  description: string;
}

/**
 * Files an uploaded file (already in the evidence store) as evidence of an incident: the item, the first step of
 * its chain of custody ('collected') and evidence.added on the incident's timeline commit together. If they do
 * not, the file goes again unless another item stands on the same bytes.
 */
export async function uploadEvidence(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  upload: UploadedEvidence,
): Promise<EvidenceItem> {
  const dir = deps.config.evidenceDir;
  let item: EvidenceItem | null = null;
  try {
    await appendToIncident(deps, actor, incidentId, {
      async decide(tx, state, now) {
        item = await storeEvidence(tx, deps, {
          incidentId: state.id,
          customerId: state.customerId,
          name: upload.name,
          claimedContentType: upload.claimedContentType,
          file: upload.file,
          source: upload.source,
          collectedBy: upload.collectedBy,
          collectedAt: upload.collectedAt,
          description: upload.description,
          by: { id: actor.id, name: actor.name },
          now,
        });
        return [evidenceAddedEvent(item)];
      },
    });
  } catch (error) {
    await settleAfterRollback(dir, upload.file, (sha256) => isShaReferenced(deps.database.db, sha256));
    throw error;
  }
  await settleAfterCommit(dir, upload.file);
  return item as unknown as EvidenceItem;
}
