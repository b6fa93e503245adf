import fsp from 'node:fs/promises';
import fastifyMultipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { assertIncidentAccess } from '../incidents/incident-access.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { listCustody } from './custody.ts';
import { downloadEvidence } from './download-evidence.ts';
import { evidenceItemView, listIncidentEvidence } from './evidence.queries.ts';
import { CustodyBody, CustodyEntrySchema, EvidenceItemSchema, Params, VerificationSchema } from './evidence.schemas.ts';
import { assertEvidenceAccess } from './evidence-access.ts';
import { placeFile } from './evidence-files.ts';
import { receiveUpload } from './receive-upload.ts';
import { recordCustodyStep } from './record-custody-step.ts';
import { uploadEvidence } from './upload-evidence.ts';
import { verifyEvidence } from './verify-evidence.ts';

/** RFC 6266 / 5987: an ASCII fallback for old clients, and the real name percent-encoded as UTF-8. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'evidence';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** When it was collected: RFC 3339, not in the future (a clock a few minutes fast is forgiven); absent: now. */
function collectedAtOf(raw: string | undefined, now: Date): Date {
  if (raw === undefined || raw.trim() === '') return now;
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(at.getTime())) {
    throw new AppError('invalid', 'collectedAt must be a date and time (RFC 3339), e.g. 2026-12-02T19:50:00Z', 'collectedAt');
  }
  if (at.getTime() > now.getTime() + 5 * 60_000)
    throw new AppError('invalid', 'collectedAt must not be in the future', 'collectedAt');
  return at;
}

export function registerEvidenceRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['evidence'];
  const db = deps.database.db;

  api.get(
    '/api/v1/incidents/:id/evidence',
    {
      schema: {
        tags,
        params: Params,
        response: { 200: Type.Object({ evidence: Type.Array(EvidenceItemSchema), maxBytes: Type.Number() }) },
      },
    },
    async (request) => {
      const { state } = await readIncident(deps, actorOf(request), request.params.id);
      return { evidence: await listIncidentEvidence(db, state.id), maxBytes: deps.config.evidenceMaxBytes };
    },
  );

  // Multipart is parsed in this scope only: no other route takes it.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false });
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/incidents/:id/evidence',
      {
        schema: {
          tags,
          params: Params,
          consumes: ['multipart/form-data'],
          description:
            'Uploads one file as evidence (multipart/form-data: `file`, and the fields `source` (required), `collectedBy`, `collectedAt` (RFC 3339), `description`). The file is streamed to the evidence store and hashed on the way; over EVIDENCE_MAX_BYTES it is refused with 413 and nothing is kept. The whole upload must arrive within REQUEST_TIMEOUT_MS.',
          response: { 201: EvidenceItemSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { id } = request.params;
        // Before a byte of the body is read: who may not change the incident sends nothing to disk.
        const { state } = await readIncident(deps, actor, id);
        await assertIncidentAccess(db, actor, state, 'incident.change', `No incident ${id}`);
        const { evidenceDir, evidenceMaxBytes } = deps.config;
        let received: Awaited<ReturnType<typeof receiveUpload>>;
        try {
          received = await receiveUpload(request, evidenceDir, evidenceMaxBytes);
        } catch (error) {
          // The rest of a refused body is not worth reading: close the connection once the answer is sent.
          if (error instanceof AppError && error.code === 'payload_too_large') reply.header('connection', 'close');
          throw error;
        }
        const { temp, name, claimedContentType, fields } = received;
        let collectedAt: Date;
        try {
          if (!fields.source?.trim()) throw new AppError('invalid', 'source is required: where the file came from', 'source');
          collectedAt = collectedAtOf(fields.collectedAt, deps.clock.now());
        } catch (error) {
          await fsp.rm(temp.path, { force: true });
          throw error;
        }
        const item = await uploadEvidence(deps, actor, state.id, {
          file: await placeFile(evidenceDir, temp),
          name,
          claimedContentType,
          source: fields.source.trim(),
          collectedBy: fields.collectedBy?.trim() || actor.name,
          collectedAt,
          description: fields.description?.trim() ?? '',
        });
        return reply.status(201).send(item);
      },
    );
  });

  api.get(
    '/api/v1/evidence/:id',
    {
      schema: {
        tags,
        params: Params,
        description: 'One evidence item with its chain of custody, oldest step first.',
        response: { 200: Type.Object({ evidence: EvidenceItemSchema, custody: Type.Array(CustodyEntrySchema) }) },
      },
    },
    async (request) => {
      const row = await assertEvidenceAccess(db, deps, actorOf(request), request.params.id, 'incident.read');
      return { evidence: evidenceItemView(row), custody: await listCustody(db, row.id) };
    },
  );

  api.get(
    '/api/v1/evidence/:id/custody',
    {
      schema: {
        tags,
        params: Params,
        description: "The item's chain of custody: a hash-chained stream, oldest step first.",
        response: { 200: Type.Object({ custody: Type.Array(CustodyEntrySchema) }) },
      },
    },
    async (request) => {
      const row = await assertEvidenceAccess(db, deps, actorOf(request), request.params.id, 'incident.read');
      return { custody: await listCustody(db, row.id) };
    },
  );

  api.post(
    '/api/v1/evidence/:id/custody',
    {
      schema: {
        tags,
        params: Params,
        body: CustodyBody,
        description:
          'Records a step in the chain of custody: transferred (needs `to`), stored (needs `location`), accessed, exported, returned or destroyed.',
        response: { 201: CustodyEntrySchema },
      },
    },
    async (request, reply) => {
      const entry = await recordCustodyStep(deps, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(entry);
    },
  );

  api.post(
    '/api/v1/evidence/:id/verify',
    {
      schema: {
        tags,
        params: Params,
        description:
          'Hashes the stored bytes again and records the result in the chain of custody (and on the incident). ok false: the bytes changed or are missing.',
        response: { 200: VerificationSchema },
      },
    },
    async (request) => verifyEvidence(deps, actorOf(request), request.params.id),
  );

  api.get(
    '/api/v1/evidence/:id/content',
    {
      schema: {
        tags,
        params: Params,
        description:
          'The stored bytes, exactly as collected, always as a download; every download is a step in the chain of custody. X-Evidence-SHA256 is the hash recorded when it was collected.',
      },
    },
    async (request, reply) => {
      const { row, body, size } = await downloadEvidence(deps, actorOf(request), request.params.id);
      // Never rendered by the browser: a collected HTML file or SVG must not run as this site's page.
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', size)
        .header('content-disposition', contentDisposition(row.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('x-evidence-sha256', row.sha256)
        .send(body);
    },
  );
}
