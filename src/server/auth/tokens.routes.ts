import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { Nullable } from '../core/http/schema-types.ts';
import { listApiTokens } from './auth.queries.ts';
import { actorOf } from './authenticate.ts';
import { createApiToken, revokeToken } from './credentials.ts';
import { can } from './policy.ts';

const Token = Type.Object({
  id: Type.String(),
  label: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  /** null: never expires. */
  expiresAt: Nullable(Type.String()),
});

/** API tokens: each user creates, lists and revokes their own; admins may list and revoke anyone's. */
export function registerTokenRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];

  api.get(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        querystring: Type.Object(
          { userId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Token) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const userId = request.query.userId ?? actor.id;
      if (userId !== actor.id && !can(actor, 'user.manage'))
        throw new AppError('forbidden', 'Only admins can list the tokens of other users', 'userId');
      const rows = await listApiTokens(deps.database.db, userId);
      // The secret is never stored, so it can never be listed.
      return {
        items: rows.map((r) => ({
          id: r.id,
          label: r.label,
          createdAt: r.created_at,
          lastUsedAt: r.last_used_at,
          revokedAt: r.revoked_at,
          expiresAt: r.expires_at,
        })),
      };
    },
  );

  api.post(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            label: Type.String({ minLength: 1, maxLength: 200 }),
            expiresAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            /** The secret, shown this once. */
            token: Type.String(),
            label: Type.String(),
            createdAt: Type.String(),
            expiresAt: Nullable(Type.String()),
          }),
        },
      },
    },
    async (request, reply) => {
      const { label, expiresAt = null } = request.body;
      return reply.status(201).send(await createApiToken(deps, actorOf(request).id, label, expiresAt));
    },
  );

  const revoke = async (actor: ReturnType<typeof actorOf>, id: string) => {
    if (!(await revokeToken(deps, actor, id))) throw new AppError('not_found', 'No such active token of yours', 'id');
  };
  const TokenId = Type.String({ minLength: 1, maxLength: 100 });

  api.delete(
    '/api/v1/tokens/:id',
    { schema: { tags, params: Type.Object({ id: TokenId }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      await revoke(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // The same, for clients that name the token in the query (`DELETE /api/v1/tokens?id=…`).
  api.delete(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        querystring: Type.Object({ id: TokenId }, { additionalProperties: false }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await revoke(actorOf(request), request.query.id);
      return reply.status(204).send(null);
    },
  );
}
