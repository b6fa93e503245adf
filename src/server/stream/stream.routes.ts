import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf, credentialOf } from '../auth/authenticate.ts';
import { type Actor, canSee } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import type { StreamAccess } from '../core/events/event-feed.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { FEED_START, type FeedCursor, feedCursorAt, feedTail } from '../core/events/events.queries.ts';
import { timelineEventView } from '../incidents/incidents.views.ts';
import { createOpenStreams, type OpenStream } from './open-streams.ts';

const PING_MS = 15_000;
/** A client this far behind is cut off; it reconnects with Last-Event-ID and loses nothing. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Server-Sent Events: every timeline event the caller may see, resumable with Last-Event-ID. */
export function registerStreamRoutes(app: FastifyInstance, deps: Deps): void {
  const streams = createOpenStreams(deps, deps.config.streamMaxPerUser);
  app.addHook('preClose', async () => streams.closeAll());

  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['stream'],
        querystring: Type.Object(
          { lastEventId: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const stream: OpenStream = { res: reply.raw, credential: credentialOf(request), actor: actorOf(request) };
      streams.add(stream);
      const header = Number(request.headers['last-event-id']);
      const resumeFrom = Number.isSafeInteger(header) && header >= 0 ? header : request.query.lastEventId;
      let start: { after: FeedCursor; note: string };
      try {
        start = await resumeAt(deps, resumeFrom);
      } catch (err) {
        streams.remove(stream);
        throw err;
      }
      const { after } = start;

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 2000\n: ${start.note}\n\n`);
      let unsubscribe = () => {};
      const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
      const close = () => {
        clearInterval(ping);
        streams.remove(stream);
        unsubscribe();
      };
      res.on('close', close);
      try {
        unsubscribe = await deps.feed.subscribe(after, {
          // Decided by who the caller is now (re-checked while the stream is open) and by where the event's incident
          // is now: a replay never serves an incident's past to someone who may not read it today.
          canSee: (event, access) => streamCanSee(stream.actor, event, access),
          send(event) {
            if (res.writableLength > MAX_BUFFERED_BYTES) return void res.destroy();
            res.write(`id: ${event.position}\n${streamMessage(event)}\n\n`);
          },
        });
        if (res.destroyed) unsubscribe();
      } catch (err) {
        request.log.error({ err }, 'stream could not start');
        res.end();
      }
    },
  );
}

/**
 * Where a stream resumes: after the event whose position the client last received (0: from the first event).
 * Ids are positions, but the feed's order is (transaction, position), so the cursor is looked up from the event.
 * Without an id, or with one the database does not hold (made up, from another installation, from before a
 * restore), the stream starts with the events committed from now on, as a new connection does.
 */
async function resumeAt(deps: Deps, position: number | undefined): Promise<{ after: FeedCursor; note: string }> {
  const { db, dialect } = deps.database;
  if (position === 0) return { after: FEED_START, note: 'connected after 0' };
  const known = position === undefined ? null : await feedCursorAt(db, dialect, position);
  if (known) return { after: known, note: `connected after ${position}` };
  const after = await feedTail(db, dialect);
  return { after, note: position === undefined ? 'connected' : `no event ${position} here; connected from now on` };
}

function streamCanSee(actor: Actor, event: StoredEvent, access: StreamAccess | undefined): boolean {
  // Custody steps are not sent: their item may belong to a TLP:RED incident, whose readers the feed does not know
  // by the custody stream, and what people record shows on the incident's timeline anyway.
  if (event.streamType === 'custody') return false;
  if (event.streamType !== 'incident') return canSee(actor, event.customerId);
  // Every incident event has its incident's row; without it, say nothing.
  if (!access) return false;
  return canSee(actor, access.customerId) && (access.readers === null || access.readers.has(actor.id));
}

/**
 * Incident events go out as `timeline` messages (the incident's timeline entry); changes to the registry and to
 * plans as `registry` messages naming what changed, so that open pages can refresh it.
 */
function streamMessage(event: StoredEvent): string {
  if (event.streamType === 'incident') return `event: timeline\ndata: ${JSON.stringify(timelineEventView(event))}`;
  const change = {
    position: event.position,
    type: event.type,
    id: event.streamId,
    customerId: event.customerId,
    actor: event.actor,
  };
  return `event: ${event.streamType === 'triage' ? 'triage' : 'registry'}\ndata: ${JSON.stringify(change)}`;
}
