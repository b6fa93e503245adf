import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { applyPlaybook } from './apply-playbook.ts';
import { changeTask } from './change-task.ts';
import { createTask } from './create-task.ts';
import { listIncidentTaskBoard, listTaskPage, presentTasks } from './list-tasks.ts';
import * as S from './tasks.schemas.ts';

/** Tasks on incidents: a playbook applied as tasks, ad-hoc tasks, their changes, and everyone's own across incidents. */
export function registerTaskRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tasks'];
  const { db } = deps.database;

  api.post(
    '/api/v1/incidents/:id/playbooks/:playbookId/apply',
    { schema: { tags, params: S.ApplyParams, response: { 201: S.AppliedReply } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { incident, tasks } = await applyPlaybook(deps, actor, request.params.id, request.params.playbookId);
      const shown = await presentTasks(db, actor, deps.clock.now(), tasks, () => incident.exercise);
      return reply.status(201).send({ tasks: shown });
    },
  );

  api.get(
    '/api/v1/incidents/:id/tasks',
    { schema: { tags, params: S.IdParams, response: { 200: S.IncidentTasksReply } } },
    async (request) => listIncidentTaskBoard(deps, actorOf(request), request.params.id),
  );

  api.post(
    '/api/v1/incidents/:id/tasks',
    { schema: { tags, params: S.IdParams, body: S.NewTaskBody, response: { 201: S.Task } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { incident, task } = await createTask(deps, actor, request.params.id, request.body);
      const [shown] = await presentTasks(db, actor, deps.clock.now(), [task], () => incident.exercise);
      return reply.status(201).send(shown);
    },
  );

  api.get(
    '/api/v1/tasks',
    { schema: { tags, querystring: S.TaskListQuery, response: { 200: S.TaskPageReply } } },
    async (request) => listTaskPage(deps, actorOf(request), { ...request.query, limit: request.query.limit ?? 50 }),
  );

  api.patch(
    '/api/v1/tasks/:id',
    { schema: { tags, params: S.IdParams, body: S.TaskChangesBody, response: { 200: S.Task } } },
    async (request) => {
      const actor = actorOf(request);
      const { incident, task } = await changeTask(deps, actor, request.params.id, request.body);
      const [shown] = await presentTasks(db, actor, deps.clock.now(), [task], () => incident.exercise);
      return shown;
    },
  );
}
