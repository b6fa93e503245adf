import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { EventFeed } from './events/event-feed.ts';

/** What use-cases need from the outside world; built once in main and passed down explicitly. */
export interface Deps {
  config: Config;
  database: Database;
  clock: Clock;
  feed: EventFeed;
  log: FastifyBaseLogger;
  /** The durable job worker: woken after a commit that enqueued work, so it need not wait for its next poll. */
  jobs: { wake(): void };
}
