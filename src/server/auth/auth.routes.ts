import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { USER_ROLES } from '../../shared/incident-vocabulary.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { Enum, Nullable } from '../core/http/schema-types.ts';
import { anyCustomerExists } from '../incidents/incident-customer.ts';
import { SessionAllowedSchema } from './allowed.schemas.ts';
import { sessionAllowed } from './allowed.ts';
import { findUserById, listUsers } from './auth.queries.ts';
import { actorOf, assertSameSite } from './authenticate.ts';
import { changePassword } from './change-password.ts';
import { changeProfile } from './change-profile.ts';
import { changeUser } from './change-user.ts';
import { endSession, SESSION_COOKIE, sha256 } from './credentials.ts';
import { completeSetup, isSetupNeeded } from './first-admin-setup.ts';
import { logIn } from './log-in.ts';
import { can } from './policy.ts';
import { signInWithCookie } from './session-cookie.ts';

const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  /** The registry contact whose channels reach this person (roles given, tasks due); null: the account's e-mail. */
  contactId: Type.Optional(Nullable(Type.String())),
});
const ContactLink = Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 })));
const UserReply = Type.Object({ user: User });
const Email = Type.String({ minLength: 3, maxLength: 320 });
const Password = Type.String({ maxLength: 1024 });
// Per client address, on top of the per-account throttle (login-throttle.ts) that holds across addresses.
const perAddress = {
  max: 10,
  timeWindow: '1 minute',
  errorResponseBuilder: (_request: unknown, context: { after: string; statusCode: number }) =>
    Object.assign(new Error(`Too many attempts from your network address. Wait ${context.after} before trying again.`), {
      statusCode: context.statusCode,
    }),
};

export function registerAuthRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const signIn = (reply: FastifyReply, userId: string) => signInWithCookie(deps, reply, userId);

  api.get(
    '/api/v1/setup',
    { schema: { tags: ['auth'], response: { 200: Type.Object({ needed: Type.Boolean() }) } } },
    async () => ({ needed: await isSetupNeeded(deps) }),
  );

  api.post(
    '/api/v1/setup',
    {
      config: { rateLimit: perAddress },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            email: Email,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            password: Password,
          },
          { additionalProperties: false },
        ),
        response: { 201: UserReply },
      },
    },
    async (request, reply) => {
      const user = await completeSetup(deps, request.body);
      await signIn(reply, user.id);
      return reply.status(201).send({ user });
    },
  );

  api.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit: perAddress },
      schema: {
        tags: ['auth'],
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
        response: { 200: UserReply },
      },
    },
    async (request, reply) => {
      const user = await logIn(deps, request.body.email, request.body.password);
      await signIn(reply, user.id);
      return { user };
    },
  );

  api.put(
    '/api/v1/auth/password',
    {
      // Counted per user: the current password is throttled per account anyway; this bounds the strength checks.
      config: { rateLimit: { ...perAddress, keyGenerator: (request) => request.actor?.id ?? request.ip } },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Password },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const secret = actor.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      await changePassword(deps, actor, { ...request.body, keepSession: secret ? sha256(secret) : null });
      return reply.status(204).send();
    },
  );

  api.post('/api/v1/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) {
      assertSameSite(request, deps.config.publicUrl);
      await endSession(deps, secret);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  const MeReply = Type.Object({
    user: User,
    memberships: Type.Record(Type.String(), Type.String()),
    allowed: SessionAllowedSchema,
  });
  api.get('/api/v1/auth/me', { schema: { tags: ['auth'], response: { 200: MeReply } } }, async (request) => {
    const actor = actorOf(request);
    const user = await findUserById(deps.database.db, actor.id);
    if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
    const customersExist = await anyCustomerExists(deps.database);
    return { user, memberships: actor.memberships, allowed: sessionAllowed(actor, { customersExist }) };
  });

  api.patch(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), contactId: ContactLink },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UserReply },
      },
    },
    async (request) => ({ user: await changeProfile(deps, actorOf(request), request.body) }),
  );

  // For choosing members: admins and customer managers see who has an account; admins also see deactivated ones.
  const ListedUser = Type.Object({ ...User.properties, active: Type.Boolean(), createdAt: Type.String() });
  api.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['auth'],
        querystring: Type.Object(
          { status: Type.Optional(Enum(['active', 'inactive', 'all'] as const)) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(ListedUser) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.role !== 'admin' && !Object.values(actor.memberships).includes('manager'))
        throw new AppError('forbidden', 'Only admins and customer managers can list users');
      const status = request.query.status ?? 'active';
      if (status !== 'active' && !can(actor, 'user.manage'))
        throw new AppError('forbidden', 'Only admins can list deactivated users', 'status');
      const rows = await listUsers(deps.database.db, status);
      return {
        items: rows.map((u) => ({
          id: u.id,
          email: u.email,
          name: u.name,
          role: u.role,
          active: u.disabled_at === null,
          createdAt: u.created_at,
          contactId: u.contact_id,
        })),
      };
    },
  );

  api.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['auth'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Type.Object(
          { role: Type.Optional(Enum(USER_ROLES)), active: Type.Optional(Type.Boolean()), contactId: ContactLink },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            email: Type.String(),
            name: Type.String(),
            role: Type.String(),
            active: Type.Boolean(),
            contactId: Nullable(Type.String()),
          }),
        },
      },
    },
    async (request) => changeUser(deps, actorOf(request), request.params.id, request.body),
  );
}
