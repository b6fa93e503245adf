import { fork } from 'node:child_process';

const ENTRY = new URL('./child-entry.ts', import.meta.url);

/** Child processes running at once; more wait their turn (each may hold a few hundred MB while it runs). */
export const CHILD_PROCESSES_AT_ONCE = 2;

let running = 0;
const waiting: (() => void)[] = [];

type Answer = { bytes: Uint8Array } | { error: string };

/**
 * Runs the function `exportName` of `module` on `input` in a process of its own and resolves with its result, a
 * Buffer. For long CPU-bound work such as laying out a PDF of a 10,000-event timeline (3–4 s and a few hundred MB):
 * in the server's thread it stopped every other request for those seconds, and in a worker thread V8 kept its pages
 * for the process after the thread ended (RSS 440–470 MB either way). A process gives all of it back when it ends;
 * starting it and compiling the code afresh cost about a second. Input and result are copied, so both must be plain
 * data (no functions).
 */
export async function runInChildProcess(module: URL, exportName: string, input: unknown): Promise<Buffer> {
  if (running >= CHILD_PROCESSES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      const child = fork(ENTRY, [], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.once('message', (answer: Answer) => {
        if ('error' in answer) reject(new Error(answer.error));
        else resolve(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength));
      });
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`the process for ${exportName} stopped (${signal ?? `exit code ${code}`})`)),
      );
      child.send({ module: module.href, exportName, input });
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}
