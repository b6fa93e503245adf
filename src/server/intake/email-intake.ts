import fs from 'node:fs';
import type { Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions } from 'smtp-server';
import type { IntakeConfig } from '../core/config.ts';
import type { Deps } from '../core/deps.ts';
import { type EmailOutcome, fileEmail, type InboundEmail } from './file-email.ts';

export interface EmailIntake {
  /** The bound port (differs from the configured one when that was 0). */
  port: number;
  /** Stops taking connections, lets messages being filed commit, then drops the connections left. */
  close(): Promise<void>;
}

/** A refusal the SMTP client sees as "code message"; 4xx: try again later, 5xx: never. */
class SmtpReply extends Error {
  readonly responseCode: number;
  constructor(responseCode: number, message: string) {
    super(message);
    this.responseCode = responseCode;
  }
}

// HTML beyond this is not converted to text (html-to-text on megabytes holds the event loop for seconds); the
// report then says so and the message itself is still kept as evidence.
const HTML_TO_TEXT_LIMIT = 2_000_000;
const CONTROL = /[^\P{Cc}\n\t]/gu;
const clean = (s: string) => s.replace(/\r\n?/g, '\n').replace(CONTROL, '');

/**
 * Listens for SMTP like an MX: no AUTH, only the report addresses as recipients, at most maxBytes per message.
 * A message is answered 250 only after everything it became is committed; malformed MIME gets a 5xx and leaves
 * nothing behind; a database failure gets 451, so the sending MTA keeps the message and retries.
 */
export async function startEmailIntake(deps: Deps, config: IntakeConfig): Promise<EmailIntake> {
  const sockets = new Set<Socket>();
  const filing = new Set<Promise<unknown>>();
  const tls = config.tls ? { key: fs.readFileSync(config.tls.keyFile), cert: fs.readFileSync(config.tls.certFile) } : null;
  const options: SMTPServerOptions = {
    name: new URL(deps.config.publicUrl).hostname,
    banner: 'Muster incident intake',
    logger: false,
    // Nothing to authenticate: senders are judged by their address (docs/email-intake.md).
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    size: config.maxBytes,
    disableReverseLookup: true,
    // Each connection may buffer a whole message (up to maxBytes) while it is parsed and filed.
    maxClients: 20,
    onRcptTo(address, _session, callback) {
      if (config.addresses.includes(address.address.toLowerCase())) return callback();
      callback(new SmtpReply(550, `5.1.1 <${address.address}>: no such report address here`));
    },
    onData(stream, session, callback) {
      receive(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            throw new SmtpReply(
              552,
              `5.3.4 The message is larger than the limit of ${config.maxBytes} bytes; nothing was stored`,
            );
          }
          const work = parseEmail(raw).then((email) => fileEmail(deps, config, email));
          filing.add(work);
          try {
            const outcome = await work;
            deps.log.info({ outcome, rcpt: session.envelope.rcptTo.map((r) => r.address) }, 'e-mail filed');
            callback(null, `2.0.0 ${describe(outcome)}`);
          } finally {
            filing.delete(work);
          }
        })
        .catch((error: unknown) => {
          if (error instanceof SmtpReply) {
            deps.log.info({ code: error.responseCode, reason: error.message }, 'e-mail refused');
            return callback(error);
          }
          deps.log.error({ err: error }, 'e-mail intake could not store a message');
          callback(new SmtpReply(451, '4.3.0 The message could not be stored right now; try again later'));
        });
    },
  };
  const server = new SMTPServer(options);
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Resets and timeouts of single connections are the clients' business; they must not take the process down.
  server.on('error', (err) => deps.log.debug({ err }, 'e-mail intake connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  deps.log.info(`E-mail intake listening on ${config.host}:${port} for ${config.addresses.join(', ')}`);
  return {
    port,
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      while (filing.size > 0) await Promise.allSettled([...filing]);
      // Unanswered messages were not acknowledged: their senders retry, so dropping them loses nothing.
      for (const socket of sockets) socket.destroy();
      await stopped;
    },
  };
}

/** The whole message, or (past the size limit) as much as shows it is too big: the rest is read and dropped. */
function receive(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function describe(outcome: EmailOutcome): string {
  switch (outcome.kind) {
    case 'incident':
      return `Reported as ${outcome.key}`;
    case 'note':
      return `Added to ${outcome.key}`;
    case 'triage':
      return 'Received for triage';
    case 'duplicate':
      return 'Already received';
  }
}

/** Parses and checks a message; throws SmtpReply 554 for what cannot be a report. */
export async function parseEmail(raw: Buffer): Promise<InboundEmail> {
  const problem = mimeProblem(raw.toString('latin1'));
  if (problem) throw new SmtpReply(554, `5.6.0 Malformed message: ${problem}; nothing was stored`);
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(raw, {
      maxHtmlLengthToParse: HTML_TO_TEXT_LIMIT,
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
  } catch (error) {
    throw new SmtpReply(554, `5.6.0 Malformed message: ${(error as Error).message}; nothing was stored`);
  }
  const sender = parsed.from?.value.find((a) => a.address && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.address));
  if (!sender?.address || sender.address.length > 254) {
    throw new SmtpReply(554, '5.6.0 The message has no From: address; nothing was stored');
  }
  let text = clean(parsed.text ?? '').trim();
  const conversion = (parsed as { textConversionError?: Error }).textConversionError;
  if (!text && conversion) text = `(The HTML body could not be converted to text: ${conversion.message}. See message.eml.)`;
  return {
    from: { address: clean(sender.address).trim(), name: clean(sender.name ?? '').trim() },
    subject: clean(parsed.subject ?? ''),
    text,
    attachments: parsed.attachments.map((a, i) => ({
      name: fileName(a.filename, i),
      contentType: /^[\w.+-]+\/[\w.+-]+$/.test(a.contentType ?? '') ? a.contentType : 'application/octet-stream',
      content: a.content as Buffer,
    })),
    automatic: isAutomatic(parsed.headers),
    raw,
  };
}

/** RFC 3834 Auto-Submitted (anything but "no"), or the older Precedence header of bulk and list mail. */
function isAutomatic(headers: Map<string, unknown>): boolean {
  const word = (name: string) => {
    const value = headers.get(name);
    const text = typeof value === 'object' && value !== null && 'value' in value ? value.value : value;
    return String(text ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
  };
  const autoSubmitted = word('auto-submitted');
  return (autoSubmitted !== '' && autoSubmitted !== 'no') || ['bulk', 'junk', 'list', 'auto_reply'].includes(word('precedence'));
}

/** The sender's file name without any path, or "attachment-N" for a part that has none. */
function fileName(name: string | undefined, index: number): string {
  const base = clean(name ?? '')
    .replace(/[\n\t]/g, ' ')
    .split(/[\\/]/)
    .pop()!
    .trim()
    .slice(0, 255);
  return base && base !== '.' && base !== '..' ? base : `attachment-${index + 1}`;
}

/**
 * What mailparser forgives but evidence must not: a multipart entity without a boundary, one whose boundary
 * never appears, or one that is never closed (a message cut short would yield truncated files with hashes that
 * look authoritative). Checks nested multiparts too. null: well-formed enough.
 */
export function mimeProblem(entity: string, depth = 0): string | null {
  if (depth > 30) return 'multipart parts are nested too deeply';
  const split = /\r?\n\r?\n/.exec(entity);
  const head = (split ? entity.slice(0, split.index) : entity).replace(/\r?\n[ \t]+/g, ' ');
  const contentType = /^content-type:[ \t]*multipart\/[^\s;]+(.*)$/im.exec(head);
  if (!contentType) return null;
  const param = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(contentType[1]);
  const boundary = param?.[1] ?? param?.[2];
  if (!boundary) return 'a multipart part has no boundary';
  const body = split ? entity.slice(split.index + split[0].length) : '';
  const lines = body.split(/\r?\n/);
  const open = `--${boundary}`;
  const parts: string[][] = [];
  let current: string[] | null = null;
  let closed = false;
  for (const line of lines) {
    const bare = line.trimEnd();
    if (bare === `${open}--`) {
      if (current) parts.push(current);
      closed = true;
      break;
    }
    if (bare === open) {
      if (current) parts.push(current);
      current = [];
    } else current?.push(line);
  }
  if (parts.length === 0 && !current) return `the boundary "${boundary}" never appears`;
  if (!closed) return `the multipart body with boundary "${boundary}" is never closed (cut short?)`;
  for (const part of parts) {
    const problem = mimeProblem(part.join('\r\n'), depth + 1);
    if (problem) return problem;
  }
  return null;
}
