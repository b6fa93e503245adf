import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../../shared/prepare-types.ts';
import { findUserById } from '../auth/auth.queries.ts';
import { actorOf } from '../auth/authenticate.ts';
import { forgetAllCredentials } from '../auth/credentials.ts';
import { assertCan } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { CUSTOMER } from '../registry/registry-kinds.ts';
import { changeRecord, readRecord } from '../registry/save-record.ts';
import { deleteMembership, listMembers, upsertMembership } from './memberships.queries.ts';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const MemberParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  userId: Type.String({ minLength: 1, maxLength: 100 }),
});
const MemberBody = Type.Object(
  { role: Type.Unsafe<MembershipRole>({ enum: [...MEMBERSHIP_ROLES] }) },
  { additionalProperties: false },
);

/** Who may work on a customer: memberships user ↔ customer with a role; each change is an event on the customer. */
export function registerCustomerRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['prepare'];

  api.get('/api/v1/customers/:id/members', { schema: { tags, params: Params } }, async (request) => {
    const actor = actorOf(request);
    const { record } = await readRecord(deps.database.db, deps.database.dialect, actor, CUSTOMER, request.params.id);
    assertCan(actor, 'registry.read', { customerId: record.id, notFound: `No customer ${record.id}` });
    return { items: await listMembers(deps.database.db, record.id) };
  });

  api.put(
    '/api/v1/customers/:id/members/:userId',
    { schema: { tags, params: MemberParams, body: MemberBody } },
    async (request) => {
      const { id, userId } = request.params;
      const { role } = request.body;
      const user = await findUserById(deps.database.db, userId);
      if (!user) throw new AppError('invalid', `No user ${userId}`, 'userId');
      await changeRecord(deps, actorOf(request), CUSTOMER, id, {
        action: 'members.manage',
        event: { type: 'customer.member_set', data: { userId, userName: user.name, role } },
        effect: (tx) =>
          upsertMembership(tx, { user_id: userId, customer_id: id, role, created_at: deps.clock.now().toISOString() }),
      });
      forgetAllCredentials();
      return { userId, customerId: id, role, userName: user.name, userEmail: user.email };
    },
  );

  api.delete('/api/v1/customers/:id/members/:userId', { schema: { tags, params: MemberParams } }, async (request, reply) => {
    const { id, userId } = request.params;
    await changeRecord(deps, actorOf(request), CUSTOMER, id, {
      action: 'members.manage',
      event: { type: 'customer.member_removed', data: { userId } },
      effect: async (tx) => {
        if (!(await deleteMembership(tx, userId, id)))
          throw new AppError('not_found', `User ${userId} is not a member of this customer`);
      },
    });
    forgetAllCredentials();
    return reply.status(204).send();
  });
}
