import type { Tx } from '../core/db/transaction.ts';
import { evidencePage } from './evidence.queries.ts';
import { hashStoredEvidence } from './verify-evidence.ts';

export interface EvidenceFileFinding {
  id: string;
  label: string;
  problem: string;
}

const PAGE = 500;

/**
 * Hashes the stored bytes of every evidence item again (each distinct file once, streamed) and names every item
 * whose bytes are missing or are no longer the ones collected. Reads only: nothing is recorded.
 */
export async function verifyEvidenceFiles(
  db: Tx,
  evidenceDir: string,
  onProgress?: (done: number) => void,
): Promise<{ checked: number; findings: EvidenceFileFinding[] }> {
  const findings: EvidenceFileFinding[] = [];
  const hashes = new Map<string, string | null>();
  let checked = 0;
  for (let after: string | null = null; ; ) {
    const rows = await evidencePage(db, after, PAGE);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      const key = `${row.storage}:${row.sha256}`;
      if (!hashes.has(key)) hashes.set(key, await hashStoredEvidence(db, evidenceDir, row));
      const actual = hashes.get(key) ?? null;
      checked += 1;
      const label = `evidence ${JSON.stringify(row.name)} (${row.id})`;
      if (actual === null) findings.push({ id: row.id, label, problem: 'its stored bytes are missing' });
      else if (actual !== row.sha256) {
        findings.push({
          id: row.id,
          label,
          problem: `its stored bytes changed: SHA-256 ${actual} where ${row.sha256} was recorded when it was collected`,
        });
      }
      onProgress?.(checked);
    }
  }
  return { checked, findings };
}
