import type { Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** accept: take every message; refuse: answer each connection with 421 and hang up; stall: never send the greeting. */
export type SmtpSinkMode = 'accept' | 'refuse' | 'stall';

export interface ParsedMessage {
  /** Message-ID header with its angle brackets, e.g. "<abc@muster>"; null if the message had none. */
  messageId: string | null;
  /** The From: header as written, e.g. "Muster <muster@example.org>". */
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are included. */
  to: string[];
  subject: string;
  text: string;
  /** Header name (lower case) to its unfolded value; repeated headers are joined with "\n". */
  headers: Map<string, string>;
  receivedAt: Date;
}

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:PORT, ready for SMTP_URL. */
  url: string;
  /** Messages received in full, in order of arrival. */
  messages: ParsedMessage[];
  /** Changes how new connections are treated; connections already open keep going. */
  mode: SmtpSinkMode;
  /** Resolves once `count` messages have arrived in total; rejects after timeoutMs. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMessage[]>;
  /** Stops listening and destroys every open connection, stalled ones included. */
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  port?: number;
  mode?: SmtpSinkMode;
}

/** A real SMTP server on 127.0.0.1 that records what it receives, for tests. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMessage[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  const state = { mode: options.mode ?? 'accept' };

  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Reverse DNS of 127.0.0.1 only adds latency and a dependency on the resolver.
    disableReverseLookup: true,
    // Accept any credentials so an SMTP_URL with user:pass works against the sink.
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onConnect(_session, callback) {
      if (state.mode === 'refuse') {
        const err = Object.assign(new Error('sink is refusing connections'), { responseCode: 421 });
        callback(err);
        return;
      }
      // Stall: never calling back keeps the client waiting for the greeting; close() destroys the socket.
      if (state.mode === 'stall') return;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            const headers = new Map<string, string>();
            for (const { key, line } of parsed.headerLines) {
              const value = line
                .slice(line.indexOf(':') + 1)
                .replace(/\r?\n[ \t]+/g, ' ')
                .trim();
              const previous = headers.get(key);
              headers.set(key, previous === undefined ? value : `${previous}\n${value}`);
            }
            // Recorded before the 250 reply, so a client that saw success finds the message here.
            messages.push({
              messageId: parsed.messageId ?? null,
              from: parsed.from?.text ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              headers,
              receivedAt: new Date(),
            });
            const ready = waiters.filter((w) => messages.length >= w.count);
            waiters = waiters.filter((w) => messages.length < w.count);
            for (const w of ready) w.resolve();
            callback(null, 'queued by smtp-sink');
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('error', () => {
    // Client resets (a test aborting a send) are expected; the sink must not crash the test run.
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('SMTP sink did not get a TCP port');
  const port = address.port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get mode() {
      return state.mode;
    },
    set mode(mode: SmtpSinkMode) {
      state.mode = mode;
      // A server that goes down drops the connections it had, pooled ones included.
      if (mode !== 'accept') for (const socket of sockets) socket.destroy();
    },
    waitFor(count, timeoutMs = 5000) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(
            new Error(`SMTP sink on port ${port}: expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}`),
          );
        }, timeoutMs);
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages.slice());
          },
        };
        waiters.push(waiter);
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // smtp-server would give open sessions a grace period; a stalled one would hold the test for it.
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
