import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import { readerKey } from '../auth/policy.ts';
import { keptUntilChanged } from '../core/db/kept-until-changed.ts';
import type { Deps } from '../core/deps.ts';
import { readTimelineRows } from '../core/events/events.queries.ts';
import { verifyIncidentIntegrity } from '../integrity/verify-incident-integrity.ts';
import { changeIncident } from './change-incident.ts';
import { incidentPageJson, presentListedIncidents, timelineJson } from './incident-json.ts';
import * as S from './incidents.schemas.ts';
import { presentIncident, timelineEventView } from './incidents.views.ts';
import { listIncidentRowPage } from './list-incidents.ts';
import { readIncident } from './read-incident.ts';
import { reportIncident } from './report-incident.ts';

/** Sends JSON as it is, with the type Fastify sets for a body it serialises (a Buffer skips the serialiser). */
function sendJson(reply: unknown, body: Buffer): FastifyReply {
  return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
}

export function registerIncidentRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['incidents'];

  api.post(
    '/api/v1/incidents',
    { schema: { tags, body: S.ReportIncidentBody, response: { 201: S.Incident } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const state = await reportIncident(deps, actor, request.body, actor.via === 'token' ? 'api' : 'web');
      return reply.status(201).send(await presentIncident(deps, state, actor));
    },
  );

  api.get(
    '/api/v1/incidents',
    { schema: { tags, querystring: S.ListQuery, response: { 200: S.IncidentPage } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const key = `incidents ${readerKey(actor)} ${JSON.stringify(request.query)}`;
      const body = await keptUntilChanged(
        deps.database,
        key,
        async () => {
          const page = await listIncidentRowPage(deps, actor, { ...request.query, limit: request.query.limit ?? 50 });
          // The items are the stored states spliced into text (see incident-json.ts), so the body skips the
          // serialiser; the schema above stays for the OpenAPI document and is what each item is written with.
          const serialize = reply.compileSerializationSchema(S.Incident as unknown as Record<string, unknown>);
          const items = await presentListedIncidents(deps, actor, page.items, serialize);
          const value = Buffer.from(incidentPageJson({ ...page, items }));
          // An incident in review shows its open clocks as of now: such a page is not kept.
          return { value, keep: !page.items.some((row) => row.status === 'reviewing') };
        },
        (value) => value.length,
      );
      return sendJson(reply, body);
    },
  );

  api.get(
    '/api/v1/incidents/:id',
    { schema: { tags, params: S.IncidentParams, response: { 200: S.Incident } } },
    async (request) => {
      const actor = actorOf(request);
      return presentIncident(deps, (await readIncident(deps, actor, request.params.id)).state, actor);
    },
  );

  api.patch(
    '/api/v1/incidents/:id',
    { schema: { tags, params: S.IncidentParams, body: S.UpdateIncidentBody, response: { 200: S.Incident } } },
    async (request) => {
      const actor = actorOf(request);
      const { expectedVersion, severityOverride, ...changes } = request.body;
      const command = { type: 'update' as const, changes, severityOverride };
      const result = await changeIncident(deps, actor, request.params.id, command, expectedVersion);
      return presentIncident(deps, result.state, actor);
    },
  );

  api.post(
    '/api/v1/incidents/:id/notes',
    { schema: { tags, params: S.IncidentParams, body: S.NoteBody, response: { 201: S.TimelineEvent } } },
    async (request, reply) => {
      const { events } = await changeIncident(deps, actorOf(request), request.params.id, {
        type: 'add-note',
        body: request.body.body,
      });
      return reply.status(201).send(timelineEventView(events[0]));
    },
  );

  api.post(
    '/api/v1/incidents/:id/transitions',
    { schema: { tags, params: S.IncidentParams, body: S.TransitionBody, response: { 200: S.Incident } } },
    async (request) => {
      const actor = actorOf(request);
      const { to, reason, expectedVersion } = request.body;
      const command = { type: 'transition' as const, to, reason: reason?.trim() || null };
      return presentIncident(deps, (await changeIncident(deps, actor, request.params.id, command, expectedVersion)).state, actor);
    },
  );

  api.post(
    '/api/v1/incidents/:id/milestones',
    { schema: { tags, params: S.IncidentParams, body: S.MilestoneBody, response: { 200: S.Incident } } },
    async (request) => {
      const actor = actorOf(request);
      const { milestone, at } = request.body;
      const command = { type: 'record-milestone' as const, milestone, at: at ?? deps.clock.now().toISOString() };
      return presentIncident(deps, (await changeIncident(deps, actor, request.params.id, command)).state, actor);
    },
  );

  api.post(
    '/api/v1/incidents/:id/determinations',
    { schema: { tags, params: S.IncidentParams, body: S.DeterminationBody, response: { 200: S.Incident } } },
    async (request) => {
      const actor = actorOf(request);
      const command = { type: 'record-determination' as const, ...request.body };
      return presentIncident(deps, (await changeIncident(deps, actor, request.params.id, command)).state, actor);
    },
  );

  api.get(
    '/api/v1/incidents/:id/timeline',
    {
      schema: {
        tags,
        params: S.IncidentParams,
        querystring: S.TimelineQuery,
        response: { 200: Type.Object({ events: Type.Array(S.TimelineEvent) }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const { after = 0, limit = 10_000 } = request.query;
      const key = `timeline ${readerKey(actor)} ${id} ${after} ${limit}`;
      const body = await keptUntilChanged(
        deps.database,
        key,
        async () => {
          const { state } = await readIncident(deps, actor, id);
          const rows = await readTimelineRows(deps.database.db, state.id, after, limit);
          // Each event's stored data text is spliced in as it is (see incident-json.ts); the schema stays for OpenAPI.
          return { value: Buffer.from(timelineJson(rows)), keep: true };
        },
        (value) => value.length,
      );
      return sendJson(reply, body);
    },
  );

  api.get(
    '/api/v1/incidents/:id/integrity',
    { schema: { tags, params: S.IncidentParams, response: { 200: S.Integrity } } },
    async (request) => {
      const { state } = await readIncident(deps, actorOf(request), request.params.id);
      return verifyIncidentIntegrity(deps.database.db, state);
    },
  );
}
