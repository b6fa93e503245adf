import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { IncidentParams } from '../incidents/incidents.schemas.ts';
import { presentIncident } from '../incidents/incidents.views.ts';
import { assessEffects } from './assess-effects.ts';
import * as S from './effects.schemas.ts';
import { effectsView } from './effects.views.ts';
import { readEffects } from './read-effects.ts';

export function registerEffectsRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['incidents'];

  api.get(
    '/api/v1/incidents/:id/effects',
    { schema: { tags, params: IncidentParams, response: { 200: S.EffectsAssessment } } },
    async (request) => {
      const actor = actorOf(request);
      const { state, deadlines } = await readEffects(deps, actor, request.params.id);
      return effectsView(state, actor, deadlines);
    },
  );

  api.put(
    '/api/v1/incidents/:id/effects',
    { schema: { tags, params: IncidentParams, body: S.EffectsBody, response: { 200: S.EffectsChanged } } },
    async (request) => {
      const actor = actorOf(request);
      const { state, deadlines } = await assessEffects(deps, actor, request.params.id, request.body);
      return { ...effectsView(state, actor, deadlines), incident: await presentIncident(deps, state, actor) };
    },
  );
}
