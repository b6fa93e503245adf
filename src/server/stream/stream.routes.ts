import type { ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import { canSee } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { lastPosition } from '../core/events/events.queries.ts';
import { timelineEventView } from '../incidents/incidents.views.ts';

const PING_MS = 15_000;
/** A client this far behind is cut off; it reconnects with Last-Event-ID and loses nothing. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Server-Sent Events: every timeline event the caller may see, resumable with Last-Event-ID. */
export function registerStreamRoutes(app: FastifyInstance, deps: Deps): void {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

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
      const actor = actorOf(request);
      const header = Number(request.headers['last-event-id']);
      const resumeFrom = Number.isSafeInteger(header) && header >= 0 ? header : request.query.lastEventId;
      const after = resumeFrom ?? (await lastPosition(deps.database.db));

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 2000\n: connected after ${after}\n\n`);
      open.add(res);
      let unsubscribe = () => {};
      const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
      const close = () => {
        clearInterval(ping);
        open.delete(res);
        unsubscribe();
      };
      res.on('close', close);
      try {
        unsubscribe = await deps.feed.subscribe(after, {
          // Only events of customers the caller may see; the membership is the one held when the stream opened.
          canSee: (event) => canSee(actor, event.customerId),
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
