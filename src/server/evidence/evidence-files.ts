import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { collectYoungGeneration } from '../core/young-collection.ts';

// The evidence store: files named by their SHA-256 under EVIDENCE_DIR (`ab/abcdef…`), written to `tmp/` first
// and renamed into place only once complete and on disk, so a reader never sees half a file (decision 0014).

const SNIFF_BYTES = 4096;
const WRITE_BATCH = 1024 * 1024;
/** How often a large upload has the socket buffers it read freed (see collectYoungGeneration). */
const COLLECT_EVERY = 16 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

/** A file received completely into the store's tmp/ directory, hashed on the way. */
export interface TempFile {
  path: string;
  sha256: string;
  size: number;
  /** The first bytes, to tell the content type by. */
  head: Buffer;
}

/** A file in its place in the store. */
export interface PlacedFile {
  sha256: string;
  size: number;
  head: Buffer;
  /** False: the same bytes were stored already, by an earlier upload. */
  created: boolean;
  /** The temp copy kept while the row that needs the file commits (when the file was already there). */
  kept: string | null;
}

/** Thrown when the bytes pass the limit: nothing of them is kept. */
export class TooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`larger than ${limit} bytes`);
    this.limit = limit;
  }
}

/** Where the file with this SHA-256 is (or would be). Only ever a hex hash: no name a client sent reaches a path. */
export function evidencePath(dir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${JSON.stringify(sha256)}`);
  return path.join(dir, sha256.slice(0, 2), sha256);
}

function tmpDir(dir: string): string {
  return path.join(dir, 'tmp');
}

/**
 * Streams `source` into a new file under tmp/, hashing and counting as it goes; at most `maxBytes`, else a
 * TooLargeError. On any failure (too large, the client gone, a disk error) the temp file is removed before the
 * promise settles. The data is flushed to disk before it resolves.
 */
export async function receiveToTemp(dir: string, source: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<TempFile> {
  await fsp.mkdir(tmpDir(dir), { recursive: true });
  const file = path.join(tmpDir(dir), `${Date.now()}-${randomBytes(12).toString('hex')}`);
  // wx: never overwrite. Written in batches of about a MiB, one batch in flight while the next is read.
  const handle = await fsp.open(file, 'wx');
  const hash = createHash('sha256');
  let size = 0;
  const headChunks: Buffer[] = [];
  let headSize = 0;
  let batch: Buffer[] = [];
  let batchSize = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let collectedAt = 0;
  const flush = async () => {
    const buffers = batch;
    const expected = batchSize;
    batch = [];
    batchSize = 0;
    const { bytesWritten } = await handle.writev(buffers);
    if (bytesWritten !== expected) throw new Error(`Short write to ${file}: ${bytesWritten} of ${expected} bytes`);
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new TooLargeError(maxBytes);
      hash.update(chunk);
      if (headSize < SNIFF_BYTES) {
        headChunks.push(chunk.subarray(0, SNIFF_BYTES - headSize));
        headSize += Math.min(chunk.length, SNIFF_BYTES - headSize);
      }
      batch.push(chunk);
      batchSize += chunk.length;
      if (batchSize >= WRITE_BATCH) {
        await inFlight;
        inFlight = flush();
        if (size - collectedAt >= COLLECT_EVERY) {
          collectedAt = size;
          collectYoungGeneration();
        }
      }
    }
    // busboy ends a file stream cut at its fileSize limit as if it were complete, and says so here.
    if ((source as Readable & { truncated?: boolean }).truncated) throw new TooLargeError(maxBytes);
    await inFlight;
    if (batchSize > 0) await flush();
    // On disk before anything says it is stored.
    await handle.sync();
    await handle.close();
  } catch (error) {
    await inFlight.catch(() => undefined);
    await handle.close().catch(() => undefined);
    await fsp.rm(file, { force: true });
    throw error;
  }
  return { path: file, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks) };
}

/**
 * Moves a received file to its place by hash. When that place is taken already (the same bytes stored before), the
 * existing file is touched (so the sweep of unreferenced files leaves it alone) and the temp copy is kept until the
 * caller's row has committed: see settleAfterCommit.
 */
export async function placeFile(dir: string, temp: TempFile): Promise<PlacedFile> {
  const target = evidencePath(dir, temp.sha256);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const base = { sha256: temp.sha256, size: temp.size, head: temp.head };
  try {
    // link fails when the target exists, where rename would silently replace a file another row stands on.
    await fsp.link(temp.path, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      await fsp.rm(temp.path, { force: true });
      throw error;
    }
    const now = new Date();
    await fsp.utimes(target, now, now).catch(() => undefined);
    return { ...base, created: false, kept: temp.path };
  }
  await fsp.rm(temp.path, { force: true });
  await syncDir(path.dirname(target));
  return { ...base, created: true, kept: null };
}

/**
 * After the row commits: the file must be there. A writer of the same bytes whose transaction failed may have
 * removed it in between; then the kept copy takes its place.
 */
export async function settleAfterCommit(dir: string, placed: PlacedFile): Promise<void> {
  if (!placed.kept) return;
  const target = evidencePath(dir, placed.sha256);
  try {
    await fsp.link(placed.kept, target);
    await syncDir(path.dirname(target));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  await fsp.rm(placed.kept, { force: true });
}

/**
 * After the row failed to commit: the kept copy goes, and the file too when this writer created it and no
 * committed row stands on it.
 */
export async function settleAfterRollback(
  dir: string,
  placed: PlacedFile,
  isReferenced: (sha256: string) => Promise<boolean>,
): Promise<void> {
  if (placed.kept) await fsp.rm(placed.kept, { force: true });
  if (placed.created && !(await isReferenced(placed.sha256))) await fsp.rm(evidencePath(dir, placed.sha256), { force: true });
}

/** Stores bytes held in memory (an e-mail's attachments) the same way as an upload; the file is settled at once. */
export async function putBytes(dir: string, bytes: Uint8Array): Promise<PlacedFile> {
  const placed = await placeFile(dir, await receiveToTemp(dir, Readable.from([Buffer.from(bytes)])));
  if (placed.kept) await fsp.rm(placed.kept, { force: true });
  return { ...placed, kept: null };
}

/** The SHA-256 of the stored file, read as a stream; null when it is missing. */
export async function hashStoredFile(dir: string, sha256: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    await pipeline(fs.createReadStream(evidencePath(dir, sha256), { highWaterMark: 1024 * 1024 }), hash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return hash.digest('hex');
}

/** Opens the stored file for reading; null when it is missing. */
export async function openStoredFile(dir: string, sha256: string): Promise<{ stream: fs.ReadStream; size: number } | null> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(evidencePath(dir, sha256), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const { size } = await handle.stat();
  return { stream: handle.createReadStream({ highWaterMark: 1024 * 1024 }), size };
}

/** A rename is durable only once its directory is synced (ext4, xfs); where a directory cannot be opened, skip. */
async function syncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | null = null;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported on every platform (Windows); the file itself was synced.
  } finally {
    await handle?.close();
  }
}

export interface SweepResult {
  temps: number;
  unreferenced: number;
}

/**
 * Removes what a crash or a failed transaction left in the store: temp files nobody has written to for
 * `tempAgeMs` (an upload in progress writes continuously, even on another instance), and files older than
 * `unreferencedAgeMs` that no evidence row names. Files being stored right now are younger than that.
 */
export async function sweepEvidenceDir(
  dir: string,
  isReferenced: (sha256: string) => Promise<boolean>,
  now: Date,
  ages: { tempAgeMs: number; unreferencedAgeMs: number } = { tempAgeMs: 10 * 60_000, unreferencedAgeMs: 60 * 60_000 },
): Promise<SweepResult> {
  const result = { temps: 0, unreferenced: 0 };
  const olderThan = async (file: string, ms: number) => {
    const stat = await fsp.stat(file).catch(() => null);
    return stat?.isFile() === true && now.getTime() - stat.mtimeMs > ms;
  };
  for (const name of await fsp.readdir(tmpDir(dir)).catch(() => [] as string[])) {
    const file = path.join(tmpDir(dir), name);
    if (await olderThan(file, ages.tempAgeMs)) {
      await fsp.rm(file, { force: true });
      result.temps += 1;
    }
  }
  for (const prefix of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of await fsp.readdir(path.join(dir, prefix)).catch(() => [] as string[])) {
      const file = path.join(dir, prefix, name);
      if (!SHA256.test(name) || !name.startsWith(prefix)) continue;
      if ((await olderThan(file, ages.unreferencedAgeMs)) && !(await isReferenced(name))) {
        await fsp.rm(file, { force: true });
        result.unreferenced += 1;
      }
    }
  }
  return result;
}
