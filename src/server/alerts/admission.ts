import { Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RetryLaterError } from '../core/errors.ts';
import { nextTurn, TURN_FREE_BYTES } from '../core/event-loop.ts';

// Alertmanager and most senders retry on 5xx; Retry-After says how soon.
const overloaded = () =>
  new RetryLaterError('Muster is storing as many alerts as it can; retry after a second', 1, 'unavailable');

interface Held {
  sourceId: string;
  /** Bytes of the body received so far and kept (released when the answer has gone). */
  bytes: number;
  /** Still reading its body: the only state in which a request can be given up for another source's. */
  receiving: boolean;
  /** Refused while receiving: the rest of its body is read and dropped, then it is answered 503. */
  refused: boolean;
  /** Bytes counted against the parsing allowance, from its turn to be parsed until its alerts go into a write. */
  parsing: number;
  /** Set while it waits for its turn to be parsed. */
  startParsing?: () => void;
}

/**
 * Bodies being parsed, checked or waiting for the writer at once, in bytes received: about two writes ahead (the
 * writer takes at most 5,000 alerts at once, about 1 MB). The rest of the budget waits as it was received,
 * outside V8's heap. Parsed and waiting for the writer, a batch outlives the young generation's collections and
 * is promoted; during a storm the old generation's garbage then kept 100 MB more of pages.
 */
export const PARSE_AHEAD_BYTES = 2 * 1024 * 1024;

/**
 * How long a request refused before its body is read waits for its 503. Meanwhile its body stays in the kernel
 * (the connection is not read), so a sender that retries at once, whatever Retry-After says, costs a read of its
 * body per pause instead of as fast as the server can read: in a storm those reads took most of the CPU.
 */
export const REFUSAL_PAUSE_MS = 250;

/**
 * Bounds what alert posts hold in memory: the bytes of bodies received, being checked or waiting for their
 * commit, counted as they arrive (a declared Content-Length reserves nothing), at most maxPendingBytes at once.
 * Each source holding bytes has a fair share of the budget (the budget divided by the number of such sources):
 * a source over its share is refused while the budget is full, and a source within its share makes room by
 * giving up bodies that sources over their share are still receiving. One source, however many connections it
 * opens and however slowly it sends, cannot take the budget from the others. Refusals are 503 with
 * Retry-After: 1 (Alertmanager and most senders retry on 5xx); bodies that stall are ended by the server's
 * request timeout, which releases what they held. Of the bodies received, at most parseAheadBytes are parsed
 * ahead of the writer, in the order they ended; the others wait as received.
 */
export function admissionGate(
  maxPendingBytes: number,
  { parseAheadBytes = PARSE_AHEAD_BYTES, refusalPauseMs = REFUSAL_PAUSE_MS } = {},
) {
  const bySource = new Map<string, Set<Held>>();
  const requests = new WeakMap<FastifyRequest, Held>();
  let total = 0;
  let parsing = 0;
  const toParse: Held[] = [];

  const heldBy = (sourceId: string) => {
    let sum = 0;
    for (const h of bySource.get(sourceId) ?? []) sum += h.bytes;
    return sum;
  };
  const fairShare = (sourceId: string) => maxPendingBytes / (bySource.size + (bySource.has(sourceId) ? 0 : 1));
  const release = (h: Held) => {
    total -= h.bytes;
    h.bytes = 0;
  };

  /** Bodies start parsing in the order they ended, while the allowance has room (one at a time may exceed it). */
  const parseNext = () => {
    while (toParse.length > 0 && (parsing === 0 || parsing + toParse[0].bytes <= parseAheadBytes)) {
      const h = toParse.shift() as Held;
      h.parsing = h.bytes;
      parsing += h.parsing;
      h.startParsing?.();
      h.startParsing = undefined;
    }
  };
  const turnToParse = (h: Held) =>
    new Promise<void>((resolve) => {
      h.startParsing = resolve;
      toParse.push(h);
      parseNext();
    });
  const stopParsing = (h: Held) => {
    const queued = toParse.indexOf(h);
    if (queued >= 0) toParse.splice(queued, 1);
    parsing -= h.parsing;
    h.parsing = 0;
    parseNext();
  };

  /** Gives up bodies still being received by sources over their fair share, largest first, until `needed` fits. */
  function makeRoom(needed: number, share: number): void {
    const victims = [...bySource.entries()]
      .filter(([sourceId]) => heldBy(sourceId) > share)
      .flatMap(([, set]) => [...set].filter((h) => h.receiving && !h.refused && h.bytes > 0))
      .sort((a, b) => b.bytes - a.bytes);
    for (const victim of victims) {
      if (total + needed <= maxPendingBytes) return;
      victim.refused = true;
      release(victim);
    }
  }

  /** Keeps n more bytes for h, if the budget (or the fair share, making room) allows it. */
  function take(h: Held, n: number): boolean {
    const alone = total === h.bytes; // a request holding everything may always finish, so a large one is never stuck
    if (total + n > maxPendingBytes && !alone) {
      const share = fairShare(h.sourceId);
      if (heldBy(h.sourceId) + n > share) return false;
      makeRoom(n, share);
      if (total + n > maxPendingBytes) return false;
    }
    h.bytes += n;
    total += n;
    return true;
  }

  return {
    pendingBytes: () => total,
    /** Its alerts went into a write: the next bodies may be parsed meanwhile. */
    taken(request: FastifyRequest) {
      const h = requests.get(request);
      if (h) stopParsing(h);
    },
    /**
     * Before the body is read: refuses a source that is over its fair share while the budget is full (what it
     * declares only decides how soon it is refused), after REFUSAL_PAUSE_MS; otherwise starts counting the
     * request's bytes.
     */
    async admit(request: FastifyRequest, reply: FastifyReply, sourceId: string) {
      const declared = Number(request.headers['content-length']);
      const bytes = Number.isFinite(declared) && declared > 0 ? declared : 0;
      if (total > 0 && total + bytes > maxPendingBytes && heldBy(sourceId) + bytes > fairShare(sourceId)) {
        // Its body is read and dropped as it arrives, from now on: held unread through the pause, what Node had read
        // of it (up to 128 KB) outlived the young generation's collections, and in a storm such chunks kept about
        // 60 MB of the C allocator's heap until a full collection. Each body is read once either way; the pause
        // delays the 503, and with it the sender's next request.
        request.raw.resume();
        await sleep(refusalPauseMs);
        throw overloaded();
      }
      const h: Held = { sourceId, bytes: 0, receiving: true, refused: false, parsing: 0 };
      let set = bySource.get(sourceId);
      if (!set) {
        set = new Set();
        bySource.set(sourceId, set);
      }
      set.add(h);
      requests.set(request, h);
      reply.raw.once('close', () => {
        release(h);
        stopParsing(h);
        set.delete(h);
        if (set.size === 0 && bySource.get(sourceId) === set) bySource.delete(sourceId);
      });
    },
    /**
     * preParsing: counts the body's bytes as they arrive and keeps them until its turn to be parsed; a refused
     * body is read to its end and dropped.
     */
    async count(request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream) {
      const h = requests.get(request);
      if (!h) return payload;
      let chunks: Buffer[] = [];
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          if (!h.refused && !take(h, chunk.length)) {
            h.refused = true;
            release(h);
            chunks = [];
          }
          if (!h.refused) chunks.push(chunk);
          callback();
        },
        async flush(callback) {
          h.receiving = false;
          if (h.refused) return callback(overloaded());
          await turnToParse(h);
          for (const chunk of chunks) this.push(chunk);
          chunks = [];
          // The body is parsed when it ends: in a turn of its own, not with every other body that ended meanwhile.
          if (h.bytes > TURN_FREE_BYTES) await nextTurn();
          callback();
        },
      });
      payload.on('error', (error) => counted.destroy(error));
      return payload.pipe(counted);
    },
  };
}
