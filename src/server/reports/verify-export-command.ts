import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { migrateToLatest } from '../core/db/migrations.ts';
import { publicKeyFingerprint, publicKeyFromPem, verifyExport } from './export-signature.ts';
import { loadSigningKey, signingKeyFromFiles } from './signing-key.ts';

// `npm run muster -- verify-export FILE [--key PEM | --key-url URL]` (docs/incident-report.md). Exit 0: valid;
// 1: invalid, with the reason; 2: it could not be checked (no file, no key, a bad argument).

class CannotCheck extends Error {}

async function keyFromUrl(url: string): Promise<KeyObject> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new CannotCheck(`Cannot fetch the key from ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new CannotCheck(`${url} answered ${response.status}`);
  const text = await response.text();
  let pem = text;
  if (text.trimStart().startsWith('{')) {
    const body = JSON.parse(text) as { publicKeyPem?: unknown };
    if (typeof body.publicKeyPem !== 'string') throw new CannotCheck(`${url} gave JSON without publicKeyPem`);
    pem = body.publicKeyPem;
  }
  return publicKeyFromPem(pem);
}

async function installationKey(config: Config): Promise<KeyObject> {
  const fromFile = signingKeyFromFiles(config);
  if (fromFile) return fromFile.publicKey;
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db, database.dialect);
    const key = await loadSigningKey(config, database, false);
    if (!key) throw new CannotCheck('This installation has no signing key yet (it is made at the first start of the server)');
    return key.publicKey;
  } finally {
    await database.close();
  }
}

async function chosenKey(
  values: { key?: string; 'key-url'?: string },
  config: Config,
): Promise<{ key: KeyObject; from: string }> {
  if (values.key && values['key-url']) throw new CannotCheck('Give --key or --key-url, not both');
  try {
    if (values.key) return { key: publicKeyFromPem(fs.readFileSync(values.key, 'utf8')), from: values.key };
    if (values['key-url']) return { key: await keyFromUrl(values['key-url']), from: values['key-url'] };
    return { key: await installationKey(config), from: "this installation's signing key" };
  } catch (error) {
    if (error instanceof CannotCheck) throw error;
    throw new CannotCheck(`Cannot read the key: ${(error as Error).message}`);
  }
}

export async function verifyExportCommand(args: string[], config: Config): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { key: { type: 'string' }, 'key-url': { type: 'string' } },
    });
    if (positionals.length !== 1) throw new CannotCheck('verify-export needs one FILE: npm run muster -- verify-export FILE');
    const [file] = positionals;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      throw new CannotCheck(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const { key, from } = await chosenKey(values, config);
    const verdict = verifyExport(bytes, key);
    const expected = publicKeyFingerprint(key).keyId;
    if (verdict.valid) {
      console.log(
        `VALID: ${file} is a signed Muster ${verdict.format.toUpperCase()} export, signed by key ${verdict.keyId} (${from}).`,
      );
      return 0;
    }
    console.log(
      `INVALID: ${file}: ${verdict.reason}${verdict.keyId ? ` (signer key ${verdict.keyId})` : ''}; checked with key ${expected} (${from}).`,
    );
    return 1;
  } catch (error) {
    console.error(`Cannot check: ${(error as Error).message}`);
    return 2;
  }
}
