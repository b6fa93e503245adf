// Preloaded into the server by bench/pg-statements.ts (`node --import`): records every statement the pg driver
// sends, and on SIGUSR2 writes those since the last signal to PG_STATEMENTS_FILE.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const pg = createRequire(import.meta.url)('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
const seen: string[] = [];
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function query(this: unknown, ...args: unknown[]) {
  const first = args[0] as string | { text?: string; name?: string };
  const text = typeof first === 'string' ? first : (first?.text ?? String(first));
  seen.push(text.replace(/\s+/g, ' ').slice(0, 300));
  return original.apply(this, args);
};
process.on('SIGUSR2', () => {
  fs.writeFileSync(process.env.PG_STATEMENTS_FILE as string, JSON.stringify(seen.splice(0)));
});
