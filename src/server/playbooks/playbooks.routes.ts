import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { PLAYBOOK, type PlaybookData } from '../registry/registry-kinds.ts';
import { createRecord, readRecord } from '../registry/save-record.ts';
import { PLAYBOOK_LIBRARY } from './playbook-library.ts';

const CopyBody = Type.Object(
  {
    /** A library playbook's id or a stored playbook's id. */
    from: Type.String({ minLength: 1, maxLength: 100 }),
    /** The customer the copy is for; null: our organisation's own version. */
    customerId: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
  },
  { additionalProperties: false },
);

/**
 * The built-in playbooks, and copies: a copy (the organisation's or a customer's) overrides the playbook with
 * the same slug for that scope, and is then edited as a form and versioned like every registry object.
 */
export function registerPlaybookRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['prepare'];

  api.get('/api/v1/playbooks/library', { schema: { tags } }, async () => ({ items: PLAYBOOK_LIBRARY }));

  api.post('/api/v1/playbooks/copies', { schema: { tags, body: CopyBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const { from, customerId } = request.body;
    const library = PLAYBOOK_LIBRARY.find((p) => p.id === from);
    let source: Omit<PlaybookData, 'basedOn'>;
    if (library) {
      source = {
        slug: library.id,
        name: library.name,
        summary: library.summary,
        categories: library.categories,
        steps: library.steps,
        preserve: library.preserve ?? [],
      };
    } else {
      const { record } = await readRecord(deps.database.db, deps.database.dialect, actor, PLAYBOOK, from).catch(() => {
        throw new AppError('invalid', `No playbook ${from} to copy`, 'from');
      });
      source = {
        slug: record.slug,
        name: record.name,
        summary: record.summary,
        categories: record.categories,
        steps: record.steps,
        preserve: record.preserve ?? [],
      };
    }
    const copy = await createRecord(deps, actor, PLAYBOOK, customerId, { ...structuredClone(source), basedOn: from });
    return reply.status(201).send(copy);
  });
}
