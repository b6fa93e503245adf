import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import { assertCan } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { listJobs, retryDeadJob } from '../core/jobs/jobs.queries.ts';

const Status = Type.Unsafe<'pending' | 'running' | 'done' | 'dead'>({ enum: ['pending', 'running', 'done', 'dead'] });

/** Durable jobs for admins: what is waiting, and the dead letters, each of which can be given another go. */
export function registerJobRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['ops'];

  api.get(
    '/api/v1/jobs',
    {
      schema: {
        tags,
        querystring: Type.Object(
          { status: Type.Optional(Status), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      assertCan(actorOf(request), 'user.manage');
      const rows = await listJobs(deps.database.db, request.query.status ?? 'dead', request.query.limit ?? 100);
      return {
        items: rows.map((j) => ({
          id: j.id,
          name: j.name,
          status: j.status,
          attempts: j.attempts,
          maxAttempts: j.max_attempts,
          runAt: j.run_at,
          lastError: j.last_error,
          createdAt: j.created_at,
          finishedAt: j.finished_at,
          payload: JSON.parse(j.payload),
        })),
      };
    },
  );

  api.post(
    '/api/v1/jobs/:id/retry',
    { schema: { tags, params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }) } },
    async (request) => {
      assertCan(actorOf(request), 'user.manage');
      if (!(await retryDeadJob(deps.database.db, request.params.id, deps.clock.now().toISOString())))
        throw new AppError('not_found', `No dead letter ${request.params.id}`);
      return { id: request.params.id, status: 'pending' };
    },
  );
}
