import v8 from 'node:v8';
import vm from 'node:vm';

let collector: ((options: object) => void) | null | undefined;

/**
 * A young-generation collection now (a scavenge: a few milliseconds). Streaming a large body allocates a 64 KiB
 * buffer per socket read; V8 frees their memory only when it collects, and it waits until 64 MB of such memory
 * has piled up. A stream that asks every few MiB keeps the process's RSS flat instead. No-op where the collector
 * cannot be reached.
 */
export function collectYoungGeneration(): void {
  if (collector === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collector = vm.runInNewContext('gc') as (options: object) => void;
    } catch {
      collector = null;
    }
  }
  collector?.({ type: 'minor', execution: 'sync' });
}
