import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { registerAjvFormats } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { registerActionRoutes } from './actions/actions.routes.ts';
import { registerAlertRoutes } from './alerts/alerts.routes.ts';
import { alertsForTriage } from './alerts/alerts-for-triage.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { registerAuthentication } from './auth/authenticate.ts';
import { registerTokenRoutes } from './auth/tokens.routes.ts';
import { registerConnectionCheckRoutes } from './connection-checks/connection-checks.routes.ts';
import type { Deps } from './core/deps.ts';
import { registerErrorHandler, sendError } from './core/http/error-handler.ts';
import { registerInputLimits } from './core/http/input-limits.ts';
import { lazySerializers } from './core/http/lazy-serializers.ts';
import { registerSecurityHeaders } from './core/http/security-headers.ts';
import { validatorCompiler } from './core/http/validator.ts';
import { registerCustomerRoutes } from './customers/customers.routes.ts';
import { registerDashboardRoutes } from './dashboard/dashboard.routes.ts';
import { registerDeadlineRoutes } from './deadlines/deadlines.routes.ts';
import { registerEffectsRoutes } from './effects/effects.routes.ts';
import { registerEvidenceRoutes } from './evidence/evidence.routes.ts';
import { registerIncidentAccessRoutes } from './incidents/incident-access.routes.ts';
import { registerIncidentRoleRoutes } from './incidents/incident-roles.routes.ts';
import { registerIncidentRoutes } from './incidents/incidents.routes.ts';
import { registerPublicReportRoutes } from './intake/public-report.routes.ts';
import { registerInvitationRoutes } from './invitations/invitations.routes.ts';
import { registerMetricsRoutes } from './metrics/metrics.routes.ts';
import { registerNotificationRoutes } from './notifications/notifications.routes.ts';
import { registerObligationRoutes } from './obligations/obligations.routes.ts';
import { registerObservableRoutes } from './observables/observables.routes.ts';
import { registerJobRoutes } from './ops/jobs.routes.ts';
import { registerOpsRoutes } from './ops/ops.routes.ts';
import { registerPaceRoutes } from './pace/pace.routes.ts';
import { registerPlanRoutes } from './plans/plans.routes.ts';
import { registerPlaybookRoutes } from './playbooks/playbooks.routes.ts';
import { registerPreservationRoutes } from './preservation/preservation.routes.ts';
import { registerRegistryRoutes } from './registry/registry.routes.ts';
import { registerReportRoutes } from './reports/report.routes.ts';
import { registerReviewRoutes } from './reviews/reviews.routes.ts';
import { registerStreamRoutes } from './stream/stream.routes.ts';
import { registerTaskRoutes } from './tasks/tasks.routes.ts';
import { registerTriageRoutes } from './triage/triage.routes.ts';

registerAjvFormats();

/**
 * Requests that never reached a route (too slow, malformed) get the API's error shape, then the connection is
 * closed, as Node does.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // The reason phrases written out: importing node:http's STATUS_CODES into an ES module loads the whole HTTP client
  // (undici) at every start.
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ['408 Request Timeout', 'The request did not arrive in time; send it again']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? ['431 Request Header Fields Too Large', 'The request headers are too large']
        : ['400 Bad Request', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code: 'invalid', message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * A connection on which nothing moved for IDLE_TIMEOUT_MS: Node would close it whatever it was doing. One whose
 * request has arrived and whose answer the server is still working on (waiting for the database, behind a backlog
 * of alerts) is not idle but waiting for us, so it is kept, and looked at again after as long. Closed are those
 * that wait for the client: between requests, in a body that stopped arriving, and an answer the client stopped
 * reading (bytes queued that it does not take).
 */
function closeIdleConnection(idleMs: number) {
  return (socket: Socket) => {
    // The answer the socket is writing: Node's own field, with no public accessor.
    const res = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (res?.req.complete && socket.writableLength === 0) socket.setTimeout(idleMs);
    else socket.destroy();
  };
}

export const WEB_ROOT = path.resolve(import.meta.dirname, '../../dist/web');

/** Builds the HTTP application: every domain's routes are registered here, by explicit import. */
export async function buildApp(deps: Deps, options: { webRoot?: string } = {}): Promise<FastifyInstance> {
  const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs, idleTimeoutMs } = deps.config.connections;
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: 1024 * 1024,
    // A client that stalls, or opens connections and sends nothing, must not hold a socket and what its request
    // has taken (alert budget, memory) for ever. The request timeout ends only receiving: a long answer, such
    // as the live stream, is not cut by it, and its pings keep it clear of the idle timeout.
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    connectionTimeout: idleTimeoutMs,
    http: {
      headersTimeout: headersTimeoutMs,
      // Node checks the header and request timeouts on this interval (30 s by default, which would double them).
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    },
    clientErrorHandler: answerClientError,
    trustProxy: deps.config.trustProxy,
    logController: new LogController({ disableRequestLogging: deps.config.logLevel !== 'debug' }),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
  });
  app.server.on('timeout', closeIdleConnection(idleTimeoutMs));
  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandler(app);
  registerInputLimits(app);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(fastifyCookie);
  registerAuthentication(app, deps);
  // The API takes JSON: without this, Fastify's default text/plain parser hands a route a string that its schema
  // then refuses as "must be object"; now anything but JSON (and forms, see input-limits.ts) gets 415 before it
  // is read.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Muster API', version: '1', description: 'Security incident management. See docs/api.md.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'muster_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { deepLinking: true } });

  registerOpsRoutes(app, deps);
  registerJobRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerConnectionCheckRoutes(app, deps);
  registerPreservationRoutes(app, deps);
  registerDeadlineRoutes(app, deps);
  registerMetricsRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerInvitationRoutes(app, deps);
  registerIncidentRoutes(app, deps);
  registerIncidentAccessRoutes(app, deps);
  registerIncidentRoleRoutes(app, deps);
  registerEvidenceRoutes(app, deps);
  registerObservableRoutes(app, deps);
  registerEffectsRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerRegistryRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerObligationRoutes(app, deps);
  registerPlaybookRoutes(app, deps);
  registerPaceRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerTaskRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerActionRoutes(app, deps);
  registerStreamRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerTriageRoutes(app, deps, alertsForTriage);
  registerPublicReportRoutes(app, deps);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = options.webRoot ?? WEB_ROOT;
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true, // serves the files as they are now, so a rebuilt UI needs no restart
      // The build writes a .br and a .gz beside each asset (vite.config.ts); the variant the browser accepts is
      // sent, so the first load costs about a quarter of the bytes and no CPU per request.
      preCompressed: true,
      setHeaders: (res, file) =>
        res.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0];
    // Client-side routes get the app; a missing file (a path with an extension) gets a plain 404.
    if (hasWeb && request.method === 'GET' && !url.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, 'not_found', `No route ${request.method} ${url}`);
  });
  return app;
}
