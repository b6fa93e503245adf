import { type Tx, withTransaction } from './db/transaction.ts';
import type { Deps } from './deps.ts';
import { appendedIn } from './events/event-store.ts';
import { enqueuedIn } from './jobs/jobs.ts';

/**
 * The one commit path of every writer: runs fn in one transaction (see withTransaction) and, once it has
 * committed, wakes the live feed if events were appended and the job worker if jobs were enqueued, so that open
 * pages and due work never wait for a poll. Nothing is announced for work that rolled back.
 */
export async function commit<T>(deps: Pick<Deps, 'database' | 'feed' | 'jobs'>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let used: Tx | null = null;
  const value = await withTransaction(deps.database, (tx) => {
    used = tx;
    return fn(tx);
  });
  if (used) {
    const streams = appendedIn(used);
    if (streams) deps.feed.notify(streams);
    if (enqueuedIn(used)) deps.jobs.wake();
  }
  return value;
}
