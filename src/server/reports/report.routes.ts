import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { IncidentParams } from '../incidents/incidents.schemas.ts';
import { exportIncidentReport } from './export-incident-report.ts';
import { EXPORT_FORMATS, type ExportFormat } from './export-signature.ts';
import { installationSigningKey } from './signing-key.ts';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
};

const ReportQuery = Type.Object(
  { timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone; default: the customer’s' })) },
  { additionalProperties: false },
);

const SigningKeyReply = Type.Object({
  algorithm: Type.Literal('Ed25519'),
  keyId: Type.String({ description: 'the first 16 hex characters of the fingerprint, as each signed export names it' }),
  publicKeyPem: Type.String(),
  publicKeyRaw: Type.String({ description: 'the raw 32-byte public key, base64' }),
  fingerprint: Type.String({ description: 'SHA-256 of the raw public key, hex' }),
});

/** The signed incident report in three formats, and the public key that checks them. */
export function registerReportRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  for (const format of EXPORT_FORMATS) {
    api.get(
      `/api/v1/incidents/:id/report.${format}`,
      {
        schema: {
          tags: ['incidents'],
          params: IncidentParams,
          querystring: ReportQuery,
          description: `The incident report as ${format.toUpperCase()}, signed (docs/incident-report.md); the export is recorded on the timeline.`,
          response: { 200: Type.Unknown({ description: `the signed ${format.toUpperCase()} file` }) },
        },
      },
      async (request, reply) => {
        const signed = await exportIncidentReport(deps, actorOf(request), request.params.id, format, request.query);
        const key = signed.report.incident.key;
        return (
          reply
            .header('content-type', CONTENT_TYPES[format])
            .header('content-disposition', `attachment; filename="${key}-report.${format}"`)
            .header('cache-control', 'private, no-store')
            .header('x-content-type-options', 'nosniff')
            // Self-contained: inline styles, nothing fetched, nothing run.
            .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
            .header('x-report-sha256', signed.sha256)
            .header('x-signing-key-id', signed.keyId)
            .send(signed.bytes)
        );
      },
    );
  }

  // Public: the key is public by nature, and a report's recipients outside Muster need it to check the file.
  api.get('/api/v1/signing-key', { schema: { tags: ['ops'], response: { 200: SigningKeyReply } } }, async () => {
    const key = await installationSigningKey(deps.config, deps.database);
    return {
      algorithm: 'Ed25519' as const,
      keyId: key.keyId,
      publicKeyPem: key.publicKeyPem,
      publicKeyRaw: key.publicKeyRaw.toString('base64'),
      fingerprint: key.fingerprint,
    };
  });

  api.get(
    '/api/v1/signing-key.pem',
    { schema: { tags: ['ops'], description: 'The public key as a PEM file, for openssl' } },
    async (_request, reply) => {
      const key = await installationSigningKey(deps.config, deps.database);
      return reply
        .header('content-type', 'application/x-pem-file')
        .header('content-disposition', 'attachment; filename="muster-signing-key.pem"')
        .send(key.publicKeyPem);
    },
  );
}
