import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Loading the modules and compiling the routes at start-up grows V8's young generation to its maximum (about
 * 64 MB on Node 24), and an idle server would keep it. One memory-reducing collection once the server listens
 * gives that back; under load the heap grows again as far as the work needs, so throughput is unchanged.
 * (The collector is not exposed by default: the flag enables it for the one context made here.)
 */
export function releaseStartupMemory(): void {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as (options: object) => void;
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } catch {
    // Only a memory saving: a runtime without the collector keeps its memory.
  }
}

/** After a full collection, the old generation may grow by this much (in per cent) before the next one. */
const OLD_GENERATION_GROWTH_PERCENT = 50;

/**
 * Lets V8's old generation grow to 1.5 × what survived the last full collection before it collects again, instead
 * of up to about 4 × when collections are quick: in an alert storm it grew from 36 MB live to 140–155 MB before
 * each, which was most of the RSS over 300 MB (decision 0026). Set once the server is up, so that loading the
 * modules at start-up, which only adds to the old generation, is not slowed by collections that free nothing.
 */
export function limitOldGenerationGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`);
}
