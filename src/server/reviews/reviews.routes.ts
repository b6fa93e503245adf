import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { IncidentParams } from '../incidents/incidents.schemas.ts';
import { changeReview } from './change-review.ts';
import { completeReview } from './complete-review.ts';
import { readReview } from './read-review.ts';
import * as S from './reviews.schemas.ts';
import { waiveReview } from './waive-review.ts';

/** The post-incident review of an incident (docs/reviews.md): read it, write it, complete it or waive it. */
export function registerReviewRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reviews'];
  const base = '/api/v1/incidents/:id/review';

  api.get(base, { schema: { tags, params: IncidentParams, response: { 200: S.ReviewSchema } } }, async (request) =>
    readReview(deps, actorOf(request), request.params.id),
  );

  api.put(
    base,
    { schema: { tags, params: IncidentParams, body: S.ReviewChangesBody, response: { 200: S.ReviewSchema } } },
    async (request) => changeReview(deps, actorOf(request), request.params.id, request.body),
  );

  api.post(
    `${base}/complete`,
    { schema: { tags, params: IncidentParams, body: S.CompleteBody, response: { 200: S.ReviewSchema } } },
    async (request) => completeReview(deps, actorOf(request), request.params.id, request.body?.expectedVersion),
  );

  api.post(
    `${base}/waive`,
    { schema: { tags, params: IncidentParams, body: S.WaiveBody, response: { 200: S.ReviewSchema } } },
    async (request) => waiveReview(deps, actorOf(request), request.params.id, request.body),
  );
}
