import type { ServerResponse } from 'node:http';
import { type Credential, currentActors } from '../auth/credentials.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';

/** How often open streams re-check their credentials: with the query time, well inside the promised 5 s. */
export const RECHECK_MS = 2000;

export interface OpenStream {
  res: ServerResponse;
  credential: Credential;
  /** Who the stream delivers for: replaced by every re-check, so role and membership changes apply. */
  actor: Actor;
}

/**
 * The live streams of this instance. A stream lives for hours while credentials, users and memberships change
 * under it, on any instance: every RECHECK_MS one batched read of the database (no cache) ends the streams
 * whose session or token is gone or whose user is deactivated, and refreshes the others' memberships.
 */
export function createOpenStreams(deps: Deps, maxPerUser: number) {
  const open = new Set<OpenStream>();
  let checking = false;

  async function recheck(): Promise<void> {
    if (checking || open.size === 0) return;
    checking = true;
    try {
      const streams = [...open];
      const actors = await currentActors(
        deps,
        streams.map((s) => s.credential),
      );
      for (const stream of streams) {
        const actor = actors.get(stream.credential.hash);
        if (actor) stream.actor = actor;
        else stream.res.end();
      }
    } catch (err) {
      deps.log.warn({ err }, 'could not re-check the credentials of open streams; will retry');
    } finally {
      checking = false;
    }
  }

  const timer = setInterval(() => void recheck(), RECHECK_MS);
  timer.unref();

  return {
    /** Registers a stream; 429 when its user already holds maxPerUser on this instance. */
    add(stream: OpenStream): void {
      let mine = 0;
      for (const s of open) if (s.actor.id === stream.actor.id) mine += 1;
      if (mine >= maxPerUser) {
        throw new AppError('rate_limited', `You have ${mine} live streams open here, the most allowed; close one first`);
      }
      open.add(stream);
    },
    remove(stream: OpenStream): void {
      open.delete(stream);
    },
    recheck,
    closeAll(): void {
      clearInterval(timer);
      for (const s of open) s.res.end();
    },
  };
}
