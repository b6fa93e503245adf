import path from 'node:path';

/** Configuration read once from the environment; see README "Configuration". */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  publicUrl: string;
  logLevel: string;
  notify: NotifyConfig;
  /** How long a claimed job is one worker's; after a crash, others take it over once this has passed. */
  jobLeaseMs: number;
  /** Alert request bodies being received or stored at once; beyond this, alert posts get 503 and Retry-After. */
  alertMaxPendingBytes: number;
  /** How long clients may take over a request and hold an idle socket (README "Configuration"). */
  connections: ConnectionsConfig;
  /**
   * Which X-Forwarded-For hops to believe (Fastify's trustProxy): false when Muster faces clients directly, so
   * that nobody can choose the address that rate limits count by.
   */
  trustProxy: boolean | string[];
  /** Live streams (GET /api/v1/stream) one user may hold open on one instance; the next gets 429. */
  streamMaxPerUser: number;
  /** The SMTP listener that turns e-mail into reports (docs/email-intake.md); null: not listening. */
  intake: IntakeConfig | null;
  /** How long an invitation link is valid, in days. */
  invitationDays: number;
  /** Where evidence files are kept, content-addressed (README "Evidence files"); shared by every instance. */
  evidenceDir: string;
  /** The largest evidence file an upload may bring; larger ones get 413 and leave nothing behind. */
  evidenceMaxBytes: number;
  /** A PEM (PKCS#8) Ed25519 private key that signs exports; null: DATA_DIR/signing-key.pem (docs/incident-report.md). */
  signingKeyFile: string | null;
}

export interface ConnectionsConfig {
  /** The whole request, headers and body, must arrive within this; else 408 and the connection is closed. */
  requestTimeoutMs: number;
  /** The request's headers must arrive within this. */
  headersTimeoutMs: number;
  /** A keep-alive connection with no request is closed after this. */
  keepAliveTimeoutMs: number;
  /**
   * A connection on which nothing is sent or received for this long, waiting for the client, is closed (longer than
   * the stream's ping); one waiting for the server's answer is kept (app.ts, closeIdleConnection).
   */
  idleTimeoutMs: number;
}

export interface IntakeConfig {
  /** 0: any free port (tests read the bound one from RunningServer.intakePort). */
  port: number;
  host: string;
  /** The report addresses, lower case; RCPT TO anything else is refused with 550. */
  addresses: string[];
  /** Sender domains trusted like known contacts, lower case. */
  allowedDomains: string[];
  maxBytes: number;
  /** Files of a PEM key and certificate; with them STARTTLS is offered. */
  tls: { keyFile: string; certFile: string } | null;
}

/** How Muster reaches people (README "Notifications"). */
export interface NotifyConfig {
  /** smtp://user:pass@host:port or smtps://…; null: e-mail levels fail (and the ladder moves on). */
  smtpUrl: string | null;
  /** The From: of every message, e.g. "Muster <muster@example.org>". */
  mailFrom: string;
  /** Key for the X-Muster-Signature HMAC of generic webhooks; null: derived from the instance secret. */
  webhookSecret: string | null;
  /** SMS over an HTTP gateway: POST to url with these headers and the body template ({{to}}, {{text}}). */
  smsGateway: { url: string; headers: Record<string, string>; bodyTemplate: string } | null;
  /** Longest wait for one delivery attempt (a hanging webhook or SMTP server). */
  timeoutMs: number;
  /** Delivery attempts on one level before the ladder moves to the next. */
  attemptsPerLevel: number;
  /** Offsets before a deadline at which the incident manager is reminded, in minutes. */
  reminderOffsetsMinutes: number[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const host = env.HOST || '0.0.0.0';
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite database)');
  }
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL, got "${env.PUBLIC_URL}"`);
  }
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    publicUrl,
    logLevel: env.LOG_LEVEL || 'info',
    notify: loadNotifyConfig(env),
    jobLeaseMs: positiveNumber(env, 'JOB_LEASE_MS', 60_000),
    alertMaxPendingBytes: positiveNumber(env, 'ALERT_MAX_PENDING_BYTES', 16 * 1024 * 1024),
    connections: loadConnectionsConfig(env),
    trustProxy: trustProxy(env.TRUST_PROXY),
    streamMaxPerUser: positiveNumber(env, 'STREAM_MAX_PER_USER', 20),
    intake: loadIntakeConfig(env),
    invitationDays: positiveNumber(env, 'INVITATION_DAYS', 7),
    evidenceDir: path.resolve(env.EVIDENCE_DIR || path.join(dataDir, 'evidence')),
    evidenceMaxBytes: positiveNumber(env, 'EVIDENCE_MAX_BYTES', 2 * 1024 ** 3),
    signingKeyFile: env.SIGNING_KEY_FILE ? path.resolve(env.SIGNING_KEY_FILE) : null,
  };
}

function loadConnectionsConfig(env: NodeJS.ProcessEnv): ConnectionsConfig {
  const connections = {
    requestTimeoutMs: positiveNumber(env, 'REQUEST_TIMEOUT_MS', 30_000),
    headersTimeoutMs: positiveNumber(env, 'HEADERS_TIMEOUT_MS', 10_000),
    keepAliveTimeoutMs: positiveNumber(env, 'KEEP_ALIVE_TIMEOUT_MS', 10_000),
    idleTimeoutMs: positiveNumber(env, 'IDLE_TIMEOUT_MS', 60_000),
  };
  // Node refuses a headers timeout longer than the request timeout, and headers are part of the request.
  if (connections.headersTimeoutMs > connections.requestTimeoutMs) {
    throw new Error('HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS');
  }
  // The live stream pings every 15 s; a shorter idle timeout would cut every quiet stream.
  if (connections.idleTimeoutMs <= 15_000)
    throw new Error('IDLE_TIMEOUT_MS must be longer than 15000 (the stream pings every 15 s)');
  return connections;
}

function loadIntakeConfig(env: NodeJS.ProcessEnv): IntakeConfig | null {
  if (env.SMTP_INTAKE_PORT === undefined || env.SMTP_INTAKE_PORT === '') return null;
  const port = Number(env.SMTP_INTAKE_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SMTP_INTAKE_PORT must be a port number, got "${env.SMTP_INTAKE_PORT}"`);
  }
  const list = (raw: string | undefined) =>
    (raw ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
  const addresses = list(env.SMTP_INTAKE_ADDRESS);
  // An intake that takes mail for any recipient would file whatever a spammer addresses to the host.
  if (addresses.length === 0 || addresses.some((a) => !/^[^@\s]+@[^@\s]+$/.test(a))) {
    throw new Error('SMTP_INTAKE_ADDRESS must list the report addresses, e.g. "incident@example.org,soc@example.org"');
  }
  const keyFile = env.SMTP_INTAKE_TLS_KEY || null;
  const certFile = env.SMTP_INTAKE_TLS_CERT || null;
  if (!keyFile !== !certFile) throw new Error('SMTP_INTAKE_TLS_KEY and SMTP_INTAKE_TLS_CERT go together: set both or neither');
  return {
    port,
    host: env.SMTP_INTAKE_HOST || '0.0.0.0',
    addresses,
    allowedDomains: list(env.SMTP_INTAKE_ALLOWED_DOMAINS).map((d) => d.replace(/^@/, '')),
    maxBytes: positiveNumber(env, 'SMTP_INTAKE_MAX_BYTES', 25 * 1024 * 1024),
    tls: keyFile && certFile ? { keyFile, certFile } : null,
  };
}

function loadNotifyConfig(env: NodeJS.ProcessEnv): NotifyConfig {
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error(`SMTP_URL must be an smtp:// or smtps:// URL, got "${smtpUrl}"`);
  let smsGateway: NotifyConfig['smsGateway'] = null;
  if (env.SMS_GATEWAY_URL) {
    let headers: Record<string, string> = {};
    try {
      headers = env.SMS_GATEWAY_HEADERS ? JSON.parse(env.SMS_GATEWAY_HEADERS) : {};
    } catch {
      throw new Error('SMS_GATEWAY_HEADERS must be a JSON object of header names to values');
    }
    smsGateway = {
      url: env.SMS_GATEWAY_URL,
      headers,
      bodyTemplate: env.SMS_GATEWAY_BODY || '{"to":"{{to}}","text":"{{text}}"}',
    };
  }
  const offsets = (env.DEADLINE_REMINDERS_MINUTES ?? '1440,240,60')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(Number);
  if (offsets.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new Error(`DEADLINE_REMINDERS_MINUTES must be comma-separated minutes, got "${env.DEADLINE_REMINDERS_MINUTES}"`);
  }
  return {
    smtpUrl,
    mailFrom: env.MAIL_FROM || 'Muster <muster@localhost>',
    webhookSecret: env.WEBHOOK_SECRET || null,
    smsGateway,
    timeoutMs: positiveNumber(env, 'NOTIFY_TIMEOUT_MS', 10_000),
    attemptsPerLevel: positiveNumber(env, 'NOTIFY_ATTEMPTS_PER_LEVEL', 3),
    reminderOffsetsMinutes: offsets,
  };
}

function trustProxy(raw: string | undefined): boolean | string[] {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  // The proxies' addresses or CIDR ranges, comma-separated.
  return raw
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}
