import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { isReachable } from '../core/db/database.ts';
import type { Deps } from '../core/deps.ts';

/** Liveness, readiness and Prometheus metrics. */
export function registerOpsRoutes(app: FastifyInstance, deps: Deps): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  // Probes stay out of the request log, which is written only at LOG_LEVEL=debug (app.ts). A route's own level
  // costs every request a logger with its methods rebuilt, so it is set only when it keeps something out.
  const probe = deps.config.logLevel === 'debug' ? { logLevel: 'warn' as const } : {};

  app.get('/healthz', probe, async () => ({ status: 'ok' }));

  app.get('/readyz', probe, async (_request, reply) => {
    if (closing) return reply.status(503).send({ status: 'shutting down' });
    if (!(await isReachable(deps.database))) return reply.status(503).send({ status: 'database unreachable' });
    return { status: 'ready', database: deps.database.dialect };
  });

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'muster_' });
  const duration = new Histogram({
    name: 'muster_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'muster_http_server_errors_total',
    help: 'Responses with a 5xx status',
    registers: [registry],
  });
  // A callback hook, not an async one: it runs after every response.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: reply.statusCode }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc();
    done();
  });

  app.get('/metrics', probe, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
