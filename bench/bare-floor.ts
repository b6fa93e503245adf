// Starts bench/bare-fastify.ts as its own process and measures it with the same load as Muster's floor.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { onCleanup } from './cleanup.ts';
import { type LoadResult, type LoadSpec, runLoad } from './load.ts';
import { freePort } from './server-process.ts';

export async function measureBareFastify(
  load: Pick<LoadSpec, 'connections' | 'durationSeconds' | 'warmupSeconds'>,
): Promise<LoadResult> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'bare-fastify.ts'), String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = onCleanup('stop the bare Fastify app', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the bare Fastify app exited (${code}) before it was ready`)));
    });
    return await runLoad({
      kind: 'autocannon',
      origin: `http://127.0.0.1:${port}`,
      path: '/healthz',
      method: 'GET',
      headers: {},
      ...load,
    });
  } finally {
    await stop();
  }
}
