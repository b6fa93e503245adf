import { randomBytes } from 'node:crypto';
import type { Database } from './db/database.ts';

const NAME = 'instance-secret';
const secrets = new WeakMap<Database, Promise<Buffer>>();

/**
 * A random key made once per installation and kept in the database, so that every instance signs and checks
 * links alike and links survive restarts. Never leaves the server.
 */
export function instanceSecret(database: Database): Promise<Buffer> {
  let secret = secrets.get(database);
  if (!secret) {
    secret = (async () => {
      await database.db
        .insertInto('settings')
        .values({ name: NAME, value: randomBytes(32).toString('base64') })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await database.db.selectFrom('settings').select('value').where('name', '=', NAME).executeTakeFirstOrThrow();
      return Buffer.from(row.value, 'base64');
    })();
    secret.catch(() => secrets.delete(database));
    secrets.set(database, secret);
  }
  return secret;
}
