import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../auth/authenticate.ts';
import { type Actor, assertCan } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { instanceSecret } from '../core/instance-secret.ts';
import { customerLinkOf } from '../customer-links/message-link.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { Incident } from '../incidents/incidents.schemas.ts';
import { presentIncident } from '../incidents/incidents.views.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { acknowledgeNotification, answerInstruction, linkActor } from './acknowledge-notification.ts';
import { completeStep, requestInstruction } from './customer-instructions.ts';
import { ackPage, answerPage, LINK_PAGE_CSP, problemPage } from './link-pages.ts';
import { wordMessage } from './message.ts';
import { compromisedChannels, findNotification, listIncidentNotifications, type Notification } from './notifications.queries.ts';
import * as S from './notifications.schemas.ts';
import { compromisedChannelView, notificationView } from './notifications.views.ts';
import { sendDraft, sendNotification } from './send-notification.ts';
import { checkLink, type LinkPurpose } from './signed-links.ts';
import { declareChannelCompromised, setCommunicationLevel } from './steer-communication.ts';
import { testChannel } from './test-channel.ts';

/** A notification the actor may see: one of a visible incident, or a channel test of a visible customer. */
/**
 * The notification named by its id, or by a delivery id (`<notification id>.<level>`: the webhooks'
 * X-Muster-Delivery and `id`, the e-mail Message-ID without `@muster`), with a 404 that says which part is wrong.
 */
async function readNotification(deps: Deps, actor: Actor, id: string): Promise<Notification> {
  const { db, dialect } = deps.database;
  const delivery = /^(.+)\.(\d{1,2})$/.exec(id);
  const n = (await findNotification(db, dialect, id)) ?? (delivery ? await findNotification(db, dialect, delivery[1]) : null);
  if (!n) throw new AppError('not_found', `No notification ${id}`);
  if (n.id !== id && delivery && Number(delivery[2]) >= n.ladder.length) {
    throw new AppError(
      'not_found',
      `${id} is a delivery id (<notification id>.<level>), but notification ${n.id} has no level ${delivery[2]}: its levels are 0 to ${n.ladder.length - 1}`,
    );
  }
  if (n.incidentId) await readIncident(deps, actor, n.incidentId);
  else assertCan(actor, 'registry.read', { customerId: n.customerId, notFound: `No notification ${id}` });
  return n;
}

export function registerNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];
  const { db, dialect } = deps.database;

  api.post(
    '/api/v1/incidents/:id/notifications',
    { schema: { tags, params: S.IdParams, body: S.SendBody } },
    async (request, reply) => {
      const { obligationId, stageId, ...draft } = request.body;
      if ((obligationId === undefined) !== (stageId === undefined)) {
        throw new AppError(
          'invalid',
          'Give both obligationId and stageId, or neither',
          obligationId ? 'stageId' : 'obligationId',
        );
      }
      const n = await sendNotification(deps, actorOf(request), request.params.id, {
        ...draft,
        obligationRef: obligationId ? `${obligationId}/${stageId}` : null,
      });
      return reply.status(201).send(notificationView(n));
    },
  );

  api.get('/api/v1/incidents/:id/notifications', { schema: { tags, params: S.IdParams } }, async (request) => {
    const { state } = await readIncident(deps, actorOf(request), request.params.id);
    const compromised = await compromisedChannels(db, state.id, state.customerId);
    const items = await listIncidentNotifications(db, state.id);
    return { items: items.map(notificationView), compromisedChannels: compromised.map(compromisedChannelView) };
  });

  api.get('/api/v1/notifications/:id', { schema: { tags, params: S.IdParams } }, async (request) =>
    notificationView(await readNotification(deps, actorOf(request), request.params.id)),
  );

  api.post('/api/v1/notifications/:id/send', { schema: { tags, params: S.IdParams } }, async (request) =>
    notificationView(await sendDraft(deps, actorOf(request), request.params.id)),
  );

  api.post(
    '/api/v1/notifications/:id/acknowledgements',
    { schema: { tags, params: S.IdParams, body: S.AckBody } },
    async (request) => {
      const actor = actorOf(request);
      const n = await readNotification(deps, actor, request.params.id);
      if (!n.incidentId) assertCan(actor, 'registry.change', { customerId: n.customerId, notFound: `No notification ${n.id}` });
      return notificationView(
        await acknowledgeNotification(deps, actor, n.id, { by: actor.name, via: 'manual', note: request.body.note }),
      );
    },
  );

  api.post('/api/v1/notifications/:id/answers', { schema: { tags, params: S.IdParams, body: S.AnswerBody } }, async (request) => {
    // The customer answered by phone or in person (their link's channel may be down): a responder records it.
    const actor = actorOf(request);
    const n = await readNotification(deps, actor, request.params.id);
    const { decision, text = '', by } = request.body;
    const recorded = `${by.trim()} (recorded by ${actor.name})`;
    return notificationView(await answerInstruction(deps, actor, n.id, { decision, text: text.trim(), by: recorded }));
  });

  api.post(
    '/api/v1/incidents/:id/communication-level',
    { schema: { tags, params: S.IdParams, body: S.LevelBody, response: { 200: Incident } } },
    async (request) => {
      const actor = actorOf(request);
      const { level, reason } = request.body;
      return presentIncident(deps, await setCommunicationLevel(deps, actor, request.params.id, level, reason), actor);
    },
  );

  api.post(
    '/api/v1/incidents/:id/compromised-channels',
    { schema: { tags, params: S.IdParams, body: S.CompromisedBody } },
    async (request, reply) => {
      await declareChannelCompromised(deps, actorOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  api.post(
    '/api/v1/incidents/:id/instructions',
    { schema: { tags, params: S.IdParams, body: S.InstructionBody } },
    async (request, reply) =>
      reply.status(201).send(notificationView(await requestInstruction(deps, actorOf(request), request.params.id, request.body))),
  );

  api.post(
    '/api/v1/incidents/:id/steps',
    { schema: { tags, params: S.IdParams, body: S.StepBody, response: { 200: Incident } } },
    async (request) => {
      const actor = actorOf(request);
      return presentIncident(deps, await completeStep(deps, actor, request.params.id, request.body), actor);
    },
  );

  api.post(
    '/api/v1/contacts/:id/channels/:channelId/test',
    { schema: { tags, params: S.ChannelTestParams } },
    async (request, reply) =>
      reply
        .status(202)
        .send(notificationView(await testChannel(deps, actorOf(request), request.params.id, request.params.channelId))),
  );

  // The recipient's pages: public, no JavaScript, the signed token is the only key.
  const linkTarget = async (purpose: LinkPurpose, token: string, reply: FastifyReply) => {
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('content-security-policy', LINK_PAGE_CSP);
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    const check = checkLink(await instanceSecret(deps.database), purpose, token, deps.clock.now());
    const n = check.ok ? await findNotification(db, dialect, check.notificationId) : null;
    if (!check.ok || !n || (purpose === 'answer') !== (n.kind === 'instruction')) {
      const problem = check.ok ? 'invalid' : check.problem;
      reply.status(problem === 'expired' ? 410 : 404).send(problemPage(problem));
      return null;
    }
    const incident = n.incidentId ? ((await findIncident(db, dialect, n.incidentId))?.state ?? null) : null;
    // Worded as for a channel not cleared for TLP:RED: whoever holds the link sees no TLP:RED content.
    const context = { incident, incidentUrl: n.incidentId ? `${deps.config.publicUrl}/incidents/${n.incidentId}` : null };
    // A customer link's page is linked here too, for a customer who opened the acknowledgement first.
    const customerLink = await customerLinkOf(deps, n.id);
    const message = wordMessage(
      { subject: n.subject, body: n.body },
      { ...context, ackUrl: null, ackLabel: '', customerLink },
      false,
    );
    return { n, message };
  };
  const linkRoute = { schema: { hide: true, params: S.TokenParams } };

  api.get('/ack/:token', linkRoute, async (request, reply) => {
    const found = await linkTarget('ack', request.params.token, reply);
    if (found) return reply.send(ackPage(found.n, found.message, request.url));
  });
  api.post('/ack/:token', { ...linkRoute, schema: { ...linkRoute.schema, body: S.AckForm } }, async (request, reply) => {
    const found = await linkTarget('ack', request.params.token, reply);
    if (!found) return;
    const contact = found.n.ladder[found.n.level]?.contactName;
    const by = request.body?.name?.trim() || `someone with the link sent to ${contact || 'the recipient'} (no name given)`;
    const n = await acknowledgeNotification(deps, linkActor(found.n.id, by), found.n.id, { by, via: 'link' });
    return reply.send(ackPage(n, found.message, request.url));
  });
  api.get('/answer/:token', linkRoute, async (request, reply) => {
    const found = await linkTarget('answer', request.params.token, reply);
    if (found) return reply.send(answerPage(found.n, found.message, request.url));
  });
  api.post('/answer/:token', { ...linkRoute, schema: { ...linkRoute.schema, body: S.AnswerForm } }, async (request, reply) => {
    const found = await linkTarget('answer', request.params.token, reply);
    if (!found) return;
    const { decision, text = '', name = '' } = request.body ?? {};
    const problem =
      decision !== 'approve' && decision !== 'decline' && decision !== 'instruct'
        ? 'Choose approve, decline or instruct.'
        : decision === 'instruct' && !text.trim()
          ? 'Write the instruction in the box.'
          : !name.trim()
            ? 'Write your name, so the team knows who answered.'
            : null;
    if (problem) return reply.status(400).send(answerPage(found.n, found.message, request.url, problem, request.body ?? {}));
    const by = name.trim();
    const n = await answerInstruction(deps, linkActor(found.n.id, by), found.n.id, {
      decision: decision as 'approve' | 'decline' | 'instruct',
      text: text.trim(),
      by,
    });
    return reply.send(answerPage(n, found.message, request.url));
  });
}
