import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHILD_PROCESSES_AT_ONCE, runInChildProcess } from './run-in-child-process.ts';

/** A module of one function, `work`, as source text. */
const moduleOf = (body: string) =>
  new URL(`data:text/javascript,${encodeURIComponent(`export function work(input) { ${body} }`)}`);

const BUSY = moduleOf(`
  const until = Date.now() + input.ms;
  while (Date.now() < until);
  return new TextEncoder().encode('laid out ' + input.name);
`);

describe('runInChildProcess', () => {
  it('runs long work in a process of its own while the event loop keeps answering, and returns its bytes', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const bytes = await runInChildProcess(BUSY, 'work', { ms: 400, name: 'INC-2026-0042' });
    clearInterval(ticker);
    assert.ok(Buffer.isBuffer(bytes));
    assert.equal(bytes.toString('utf8'), 'laid out INC-2026-0042');
    assert.ok(ticks >= 20, `the event loop ran only ${ticks} timers of 10 ms during 400 ms of work`);
  });

  it(`runs at most ${CHILD_PROCESSES_AT_ONCE} at once and the others in turn`, async () => {
    const started = performance.now();
    const all = Array.from({ length: CHILD_PROCESSES_AT_ONCE + 1 }, (_, i) =>
      runInChildProcess(BUSY, 'work', { ms: 300, name: `${i}` }),
    );
    const done = await Promise.all(
      all.map(async (p) => {
        await p;
        return performance.now() - started;
      }),
    );
    const last = Math.max(...done);
    assert.ok(last >= 600, `the third started before one of the first two ended (all done after ${last} ms)`);
  });

  it('rejects with the error the work threw', async () => {
    await assert.rejects(
      runInChildProcess(moduleOf(`throw new Error('no fonts for ' + input);`), 'work', 'Runic'),
      /no fonts for Runic/,
    );
  });
});
