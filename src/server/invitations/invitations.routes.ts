import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { USER_ROLES } from '../../shared/incident-vocabulary.ts';
import { MEMBERSHIP_ROLES } from '../../shared/prepare-types.ts';
import { actorOf } from '../auth/authenticate.ts';
import { signInWithCookie } from '../auth/session-cookie.ts';
import type { Deps } from '../core/deps.ts';
import { Enum, Nullable } from '../core/http/schema-types.ts';
import { acceptInvitation, openInvitation } from './accept-invitation.ts';
import { invitationViews } from './invitation-view.ts';
import { inviteUser } from './invite-user.ts';
import { listInvitations } from './list-invitations.ts';
import { revokeInvitation } from './revoke-invitation.ts';

const Invitation = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Enum(USER_ROLES),
  customerId: Nullable(Type.String()),
  customerName: Nullable(Type.String()),
  customerRole: Nullable(Enum(MEMBERSHIP_ROLES)),
  invitedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  status: Enum(['pending', 'accepted', 'revoked', 'expired'] as const),
  acceptedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
// The link's secret guards these two; per client address they are limited like sign-in.
const perAddress = { max: 10, timeWindow: '1 minute' };

/** Inviting people by e-mail, and the public side of the link: reading what it offers and accepting it. */
export function registerInvitationRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];

  api.post(
    '/api/v1/invitations',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 320 }),
            role: Type.Optional(Enum(USER_ROLES)),
            customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            customerRole: Type.Optional(Enum(MEMBERSHIP_ROLES)),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            invitation: Invitation,
            mail: Type.Object({ sent: Type.Boolean(), reason: Nullable(Type.String()) }),
            link: Nullable(Type.String()),
          }),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await inviteUser(deps, actorOf(request), request.body)),
  );

  api.get(
    '/api/v1/invitations',
    {
      schema: {
        tags,
        querystring: Type.Object(
          {
            customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            status: Type.Optional(Enum(['pending', 'all'] as const)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Invitation) }) },
      },
    },
    async (request) => ({ items: await listInvitations(deps, actorOf(request), request.query) }),
  );

  api.delete(
    '/api/v1/invitations/:id',
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await revokeInvitation(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // Public: what the link offers, so the page can name the inviter and the address before anyone types.
  api.get(
    '/api/v1/invitations/:token',
    {
      config: { rateLimit: perAddress },
      schema: {
        tags,
        params: TokenParams,
        response: {
          200: Type.Object({
            email: Type.String(),
            role: Enum(USER_ROLES),
            customerName: Nullable(Type.String()),
            customerRole: Nullable(Enum(MEMBERSHIP_ROLES)),
            invitedByName: Type.String(),
            expiresAt: Type.String(),
          }),
        },
      },
    },
    async (request) => {
      const row = await openInvitation(deps, request.params.token);
      const [view] = await invitationViews(deps.database.db, deps.database.dialect, [row], deps.clock.now());
      return {
        email: view.email,
        role: view.role,
        customerName: view.customerName,
        customerRole: view.customerRole,
        invitedByName: view.invitedBy.name,
        expiresAt: view.expiresAt,
      };
    },
  );

  api.post(
    '/api/v1/invitations/:token/accept',
    {
      config: { rateLimit: perAddress },
      schema: {
        tags,
        params: TokenParams,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), role: Type.String() }),
          }),
        },
      },
    },
    async (request, reply) => {
      const user = await acceptInvitation(deps, request.params.token, request.body);
      await signInWithCookie(deps, reply, user.id);
      return reply.status(201).send({ user });
    },
  );
}
