import type { Deps } from '../core/deps.ts';
import { isShaReferenced } from './evidence.queries.ts';
import { sweepEvidenceDir } from './evidence-files.ts';

const HOUR = 60 * 60_000;

/**
 * Sweeps the evidence store at start (what a crash mid-upload left in tmp/) and then every hour (files whose
 * transaction failed). Runs in the background: start-up does not wait for it. stop() waits for a sweep under way.
 */
export function startEvidenceSweep(deps: Pick<Deps, 'config' | 'database' | 'clock' | 'log'>): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const sweep = () => {
    if (stopped) return;
    running = sweepEvidenceDir(deps.config.evidenceDir, (sha256) => isShaReferenced(deps.database.db, sha256), deps.clock.now())
      .then((result) => {
        if (result.temps || result.unreferenced) {
          deps.log.info(result, 'evidence store swept: unfinished uploads and files no item names removed');
        }
      })
      .catch((err) => deps.log.error({ err }, 'evidence store sweep failed'));
  };
  sweep();
  const timer = setInterval(sweep, HOUR);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
