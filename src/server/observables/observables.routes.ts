import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { addObservable } from './add-observable.ts';
import { changeObservable } from './change-observable.ts';
import { exportStix } from './export-stix.ts';
import { findSightings, listObservables, presentObservable } from './list-observables.ts';
import * as S from './observables.schemas.ts';
import { removeObservable } from './remove-observable.ts';

/** Observables on incidents, where else each was seen, and the incident as a STIX 2.1 bundle. */
export function registerObservableRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['observables'];

  api.get(
    '/api/v1/incidents/:id/observables',
    { schema: { tags, params: S.IdParams, response: { 200: S.ObservableList } } },
    async (request) => ({ items: await listObservables(deps, actorOf(request), request.params.id) }),
  );

  api.post(
    '/api/v1/incidents/:id/observables',
    {
      schema: {
        tags,
        params: S.IdParams,
        body: S.NewObservableBody,
        description:
          '201 with a new observable; 200 when the incident already had this value: the same observable, seen again (tags merged).',
        response: { 200: S.Observable, 201: S.Observable },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { observable, created } = await addObservable(deps, actor, request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(await presentObservable(deps, actor, observable));
    },
  );

  api.patch(
    '/api/v1/observables/:id',
    { schema: { tags, params: S.IdParams, body: S.ObservableChangesBody, response: { 200: S.Observable } } },
    async (request) => {
      const actor = actorOf(request);
      return presentObservable(deps, actor, await changeObservable(deps, actor, request.params.id, request.body));
    },
  );

  api.delete(
    '/api/v1/observables/:id',
    { schema: { tags, params: S.IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await removeObservable(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/observables',
    {
      schema: {
        tags,
        querystring: S.SightingsQuery,
        description:
          'Every incident you may read where this value was seen (normalised as on adding; the type is inferred when omitted).',
        response: { 200: S.SightingsReply },
      },
    },
    async (request) => findSightings(deps, actorOf(request), request.query.value, request.query.type),
  );

  api.get(
    '/api/v1/incidents/:id/stix',
    {
      schema: {
        tags,
        params: S.IdParams,
        description: 'The incident and its observables as a STIX 2.1 bundle (docs/observables.md#stix), as a download.',
        response: { 200: S.StixBundle },
      },
    },
    async (request, reply) => {
      const { bundle, key } = await exportStix(deps, actorOf(request), request.params.id);
      reply.header('content-disposition', `attachment; filename="${key}.stix.json"`);
      reply.type('application/stix+json;version=2.1');
      return bundle;
    },
  );
}
