import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { MetricsQuery, MetricsReply } from './metrics.schemas.ts';
import { metricsCsv } from './metrics-csv.ts';
import { readIncidentMetrics } from './read-incident-metrics.ts';

export function registerMetricsRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['metrics'];

  api.get(
    '/api/v1/metrics/incidents',
    { schema: { tags, querystring: MetricsQuery, response: { 200: MetricsReply } } },
    (request) => readIncidentMetrics(deps, actorOf(request), request.query),
  );

  api.get(
    '/api/v1/metrics/incidents.csv',
    { schema: { tags, querystring: MetricsQuery, response: { 200: Type.String() } } },
    async (request, reply) => {
      const metrics = await readIncidentMetrics(deps, actorOf(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="incident-metrics-by-${metrics.groupBy}.csv"`)
        .send(metricsCsv(metrics));
    },
  );
}
