import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { SEVERITIES, type Severity } from '../../shared/incident-vocabulary.ts';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { CUSTOMER, OBLIGATION, type ObligationData } from '../registry/registry-kinds.ts';
import { createRecord, readRecord } from '../registry/save-record.ts';
import { contractObligations, OBLIGATION_LIBRARY } from './obligation-library.ts';

const ContractTemplateBody = Type.Object(
  {
    customerId: Type.String({ minLength: 1, maxLength: 100 }),
    hours: Type.Integer({ minimum: 1, maximum: 720 }),
    /** The window of "immediately on a suspected attack" (default 60). */
    immediatelyMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    severityAtLeast: Type.Optional(Type.Unsafe<Severity>({ enum: [...SEVERITIES] })),
    recipientContactId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** The built-in library of reporting obligations, and the contract template that sets up a customer's own rules. */
export function registerObligationRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['prepare'];

  api.get('/api/v1/obligations/library', { schema: { tags } }, async () => ({ items: OBLIGATION_LIBRARY }));

  // "Notify the customer within N hours, and immediately on a suspected attack": two rules, switched on together.
  api.post('/api/v1/obligations/contract-template', { schema: { tags, body: ContractTemplateBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const { customerId, hours, severityAtLeast = 'medium', recipientContactId = null, immediatelyMinutes } = request.body;
    const { record: customer } = await readRecord(deps.database.db, deps.database.dialect, actor, CUSTOMER, customerId);
    const items = [];
    for (const definition of contractObligations({
      customerName: customer.name,
      hours,
      severityAtLeast,
      immediatelyMinutes,
    })) {
      const data: ObligationData = { libraryId: null, enabled: true, recipientContactId, definition };
      items.push(await createRecord(deps, actor, OBLIGATION, customerId, data));
    }
    return reply.status(201).send({ items });
  });
}
