import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.ts';
import type { Database } from '../core/db/database.ts';
import { publicKeyFingerprint } from './export-signature.ts';

/** The installation's Ed25519 key pair that signs every export, with its id (docs/incident-report.md). */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** SHA-256 of the raw 32-byte public key, hex. */
  fingerprint: string;
  publicKeyPem: string;
  publicKeyRaw: Buffer;
  /** Where it came from, for the operator: SIGNING_KEY_FILE, the file under DATA_DIR, or the database. */
  source: string;
}

const SETTING = 'signing-key';
export const SIGNING_KEY_FILE_NAME = 'signing-key.pem';
const keys = new WeakMap<Database, Promise<SigningKey>>();

function fromPrivatePem(pem: string, source: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`The signing key in ${source} is not a PEM private key: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The signing key in ${source} is ${privateKey.asymmetricKeyType}, not Ed25519`);
  }
  const publicKey = createPublicKey(privateKey);
  const { keyId, fingerprint, raw } = publicKeyFingerprint(publicKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, keyId, fingerprint, publicKeyPem, publicKeyRaw: raw, source };
}

function readPem(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function storedPem(database: Database): Promise<string | null> {
  const row = await database.db.selectFrom('settings').select('value').where('name', '=', SETTING).executeTakeFirst();
  return row?.value ?? null;
}

/** Stores the key unless another instance stored one first; returns the one stored. */
async function storeOnce(database: Database, pem: string): Promise<string> {
  await database.db
    .insertInto('settings')
    .values({ name: SETTING, value: pem })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await storedPem(database)) as string;
}

/**
 * Writes the key beside the database, for backups and for `verify-export` without the database; false when DATA_DIR
 * cannot be written (an instance on PostgreSQL with a read-only disk still signs, with the key from the database).
 */
function writeKeyFile(file: string, pem: string): boolean {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // wx: never overwrite a key another process wrote in the meantime; 0600: the private key is for this user only.
    fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST';
  }
}

/**
 * The installation's signing key: SIGNING_KEY_FILE when set; else DATA_DIR/signing-key.pem; else the key another
 * instance on the same database made (written to this DATA_DIR too); else a new one, stored in both. So every
 * instance on one database signs with one key, whatever its DATA_DIR.
 */
export function installationSigningKey(config: Config, database: Database): Promise<SigningKey> {
  let key = keys.get(database);
  if (!key) {
    key = loadSigningKey(config, database, true) as Promise<SigningKey>;
    key.catch(() => keys.delete(database));
    keys.set(database, key);
  }
  return key;
}

/** The key from SIGNING_KEY_FILE or DATA_DIR/signing-key.pem, without the database; null when neither file exists. */
export function signingKeyFromFiles(config: Config): SigningKey | null {
  if (config.signingKeyFile) {
    const pem = readPem(config.signingKeyFile);
    if (pem === null) throw new Error(`SIGNING_KEY_FILE ${config.signingKeyFile} does not exist`);
    return fromPrivatePem(pem, `SIGNING_KEY_FILE ${config.signingKeyFile}`);
  }
  const file = path.join(config.dataDir, SIGNING_KEY_FILE_NAME);
  const own = readPem(file);
  return own === null ? null : fromPrivatePem(own, file);
}

/** The key as installationSigningKey finds it; with create false, null when there is none yet (the CLI's check). */
export async function loadSigningKey(config: Config, database: Database, create: boolean): Promise<SigningKey | null> {
  const fromFile = signingKeyFromFiles(config);
  if (fromFile) {
    // Other instances with another DATA_DIR take it from the database (a key given by SIGNING_KEY_FILE stays out of it).
    if (create && !config.signingKeyFile && (await storedPem(database)) === null) {
      await storeOnce(database, fromFile.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    }
    return fromFile;
  }
  const file = path.join(config.dataDir, SIGNING_KEY_FILE_NAME);
  let pem = await storedPem(database);
  if (pem === null) {
    if (!create) return null;
    const made = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    pem = await storeOnce(database, made);
  }
  const written = create && writeKeyFile(file, pem);
  return fromPrivatePem(pem, written ? file : 'the database');
}
