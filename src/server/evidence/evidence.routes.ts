import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import { type Actor, assertCan } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { Nullable } from '../core/http/schema-types.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { type EvidenceRow, findEvidence, listIncidentEvidence, readBlob } from './evidence.queries.ts';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

const EvidenceItemSchema = Type.Object({
  id: Type.String(),
  incidentId: Nullable(Type.String()),
  triageItemId: Nullable(Type.String()),
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  source: Type.String(),
  collectedBy: Type.String(),
  collectedAt: Type.String(),
});

/**
 * Who may read an item: whoever may read its incident; while it waits in triage, whoever may read incidents of
 * its customer. Anyone else gets the same 404 as for an item that does not exist.
 */
async function assertCanReadEvidence(deps: Deps, actor: Actor, row: EvidenceRow | undefined, id: string): Promise<EvidenceRow> {
  const notFound = `No evidence ${id}`;
  if (!row) throw new AppError('not_found', notFound);
  if (row.incident_id) {
    try {
      await readIncident(deps, actor, row.incident_id);
    } catch (error) {
      // The incident's own words would tell the caller which incident the file belongs to.
      if (error instanceof AppError && error.code === 'not_found') throw new AppError('not_found', notFound);
      throw error;
    }
  } else {
    assertCan(actor, 'incident.read', { customerId: row.customer_id, notFound });
  }
  return row;
}

/** RFC 6266 / 5987: an ASCII fallback for old clients, and the real name percent-encoded as UTF-8. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'evidence';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function registerEvidenceRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['evidence'];

  api.get(
    '/api/v1/incidents/:id/evidence',
    { schema: { tags, params: Params, response: { 200: Type.Object({ evidence: Type.Array(EvidenceItemSchema) }) } } },
    async (request) => {
      const { state } = await readIncident(deps, actorOf(request), request.params.id);
      return { evidence: await listIncidentEvidence(deps.database.db, state.id) };
    },
  );

  api.get(
    '/api/v1/evidence/:id/content',
    {
      schema: {
        tags,
        params: Params,
        description:
          'The stored bytes, exactly as collected, always as a download. X-Evidence-SHA256 is the hash recorded when it was collected.',
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const row = await assertCanReadEvidence(deps, actorOf(request), await findEvidence(deps.database.db, id), id);
      const bytes = await readBlob(deps.database.db, row.sha256);
      if (!bytes) throw new AppError('not_found', `The content of evidence ${id} is missing`);
      // Never rendered by the browser: a collected HTML file or SVG must not run as this site's page.
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', contentDisposition(row.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('x-evidence-sha256', row.sha256)
        .send(bytes);
    },
  );
}
