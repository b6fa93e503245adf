// Runs every *.test.ts with node's test runner and fails a run that executed no test:
// a green run that tested nothing is the most dangerous kind.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

// Browser and process tests serve the built UI; build it once here rather than racing in parallel tests.
if (!fs.existsSync('dist/web/index.html')) {
  console.log('Building the web interface for the tests…');
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Servers the tests start load TypeBox and Kysely bundled, as a started server does after its first start.
if (spawnSync(process.execPath, ['src/bundled-dependencies.ts', 'bundle'], { stdio: 'inherit' }).status !== 0)
  console.log('TypeBox and Kysely could not be bundled: the servers the tests start load them as installed.');

const patterns = process.argv.slice(2).length ? process.argv.slice(2) : ['src/**/*.test.ts', 'e2e/**/*.test.ts'];
const child = spawn(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=300000', ...patterns],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let tail = '';
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
});
child.on('exit', (code, signal) => {
  const passed = Number(/ℹ pass (\d+)/.exec(tail)?.[1] ?? 0);
  if (code === 0 && passed === 0) {
    console.error('No test passed: a run that executes no test counts as a failure.');
    process.exit(1);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
