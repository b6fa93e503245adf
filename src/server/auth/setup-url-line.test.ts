import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { exited, MAIN, processEnv } from '../testing/serve-process.ts';
import { createTestDb, type TestDatabase } from '../testing/test-db.ts';

describe('the first start of an empty Muster', () => {
  let testDb: TestDatabase;
  before(async () => {
    testDb = await createTestDb('sqlite');
    await testDb.database.close();
  });
  after(() => testDb.drop());

  it('prints the setup URL on a plain line of its own, besides the JSON log line', async () => {
    const port = 19_400 + (process.pid % 200);
    const env = processEnv(testDb, port, { LOG_LEVEL: 'info', PUBLIC_URL: `http://127.0.0.1:${port}` });
    const child = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const ready = (text: string) => text.split('\n').some((line) => /^\s*\{/.test(line) && line.includes('first admin'));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no setup URL logged within 20 s:\n${output}`)), 20_000);
        const take = (chunk: Buffer) => {
          output += chunk;
          if (ready(output) && output.split('\n').some((line) => line.includes('/setup?token='))) {
            // Give a plain line printed right after the log line the moment to arrive.
            setTimeout(() => {
              clearTimeout(timer);
              resolve();
            }, 300);
          }
        };
        child.stdout.on('data', take);
        child.stderr.on('data', take);
      });
    } finally {
      const stopped = exited(child);
      child.kill('SIGTERM');
      await stopped;
    }
    const plain = output.split('\n').filter((line) => line.includes('/setup?token=') && !line.trimStart().startsWith('{'));
    assert.equal(plain.length, 1, `one plain line with the setup URL in:\n${output}`);
    assert.match(plain[0], new RegExp(`^http://127\\.0\\.0\\.1:${port}/setup\\?token=[\\w-]+$`), 'the URL alone');
  });
});
