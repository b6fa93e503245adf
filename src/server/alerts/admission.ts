import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../core/http/error-handler.ts';

/**
 * Bounds what alert posts can hold in memory: the bytes of requests being received, validated or waiting for
 * their commit. A request that would go over the budget is refused before its body is read, with 503 and
 * Retry-After, so an alert storm slows the senders down instead of growing a queue without end.
 * Alertmanager and most senders retry on 5xx.
 */
export function admissionGate(maxPendingBytes: number, bodyLimit: number) {
  let pending = 0;
  return {
    pendingBytes: () => pending,
    async onRequest(request: FastifyRequest, reply: FastifyReply) {
      const declared = Number(request.headers['content-length']);
      // A body of unknown length (chunked) is counted at the largest size it may have.
      const bytes = Number.isFinite(declared) && declared >= 0 ? Math.min(declared, bodyLimit) : bodyLimit;
      if (pending + bytes > maxPendingBytes && pending > 0) {
        reply.header('retry-after', '1');
        return sendError(reply, 'unavailable', 'Muster is storing as many alerts as it can; retry after a second');
      }
      pending += bytes;
      reply.raw.once('close', () => {
        pending -= bytes;
      });
    },
  };
}
