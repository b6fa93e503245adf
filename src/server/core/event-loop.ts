// Large requests (an alert batch is up to 5,000 alerts) cost tens of milliseconds of JavaScript each, and SQLite
// runs its statements on the event loop. Done in one go, several of them hold up every other request, GET /healthz
// among them, for as long as they all take. Done in turns, the loop answers other requests between the turns.

/**
 * Work this small (items of a batch; bodies of about 64 KB) takes no turn: waiting for one costs an event-loop
 * iteration, more than checking or storing a few alerts, and small requests at full speed would queue behind it.
 */
export const TURN_FREE_ITEMS = 256;
export const TURN_FREE_BYTES = 64 * 1024;

const waiting: (() => void)[] = [];

function resumeNext(): void {
  const next = waiting.shift();
  // Scheduled from inside an immediate, the next one runs in the next loop iteration, after its I/O.
  if (waiting.length > 0) setImmediate(resumeNext);
  next?.();
}

/** Resolves at this caller's turn: one waiting caller resumes per event-loop iteration, in the order they came. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(resumeNext);
  });
}

/**
 * For one long piece of work: `await turn()` between its steps waits for a turn (nextTurn) once sliceMs have
 * passed since the last one, and costs nothing otherwise.
 */
export function eventLoopTurns(sliceMs = 5): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}

/** items.map(fn), taking turns every sliceMs. */
export async function mapInTurns<T, U>(items: readonly T[], fn: (item: T, index: number) => U, sliceMs = 5): Promise<U[]> {
  const turn = eventLoopTurns(sliceMs);
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i % 64 === 0) await turn();
    out.push(fn(items[i], i));
  }
  return out;
}
