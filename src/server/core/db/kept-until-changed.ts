import { changeStamp } from './change-stamp.queries.ts';
import type { Database } from './database.ts';

// Reads whose result is a function of what is stored (and of who asks, which the key must name) are kept until the
// database changes: a list page asked for again and again, or a long timeline, is then answered without reading or
// writing it again. The change stamp is exact on both dialects (change-stamp.queries.ts), so nothing is ever stale.

/** What a read gives, and whether it may be kept (false when it also depends on the time of the request). */
export interface KeepableResult<T> {
  value: T;
  keep: boolean;
}

interface Kept {
  stamp: string;
  values: Map<string, unknown>;
  /** Roughly what the kept values hold, as their callers count it. */
  size: number;
}

const MAX_KEPT_SIZE = 32 * 1024 * 1024;
const keptByDatabase = new WeakMap<Database, Kept>();

/**
 * The value read under `key` since the database last changed, or read now by `read`. The stamp is taken before
 * reading: a change made while `read` runs moves it, so what was read then is never handed out again.
 */
export async function keptUntilChanged<T>(
  database: Database,
  key: string,
  read: () => Promise<KeepableResult<T>>,
  sizeOf: (value: T) => number = () => key.length,
): Promise<T> {
  const stamp = await changeStamp(database);
  if (stamp === null) return (await read()).value;
  let kept = keptByDatabase.get(database);
  if (kept?.stamp !== stamp) {
    kept = { stamp, values: new Map(), size: 0 };
    keptByDatabase.set(database, kept);
  }
  if (kept.values.has(key)) return kept.values.get(key) as T;
  const { value, keep } = await read();
  if (!keep) return value;
  const size = sizeOf(value) + key.length;
  if (kept.size + size > MAX_KEPT_SIZE) {
    kept.values.clear();
    kept.size = 0;
  }
  kept.values.set(key, value);
  kept.size += size;
  return value;
}
