import { createHash } from 'node:crypto';
import type { Actor } from '../auth/policy.ts';
import { runInChildProcess } from '../core/child-process/run-in-child-process.ts';
import type { Deps } from '../core/deps.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { assertIncidentAccess } from '../incidents/incident-access.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { buildIncidentReport, type IncidentReport } from './build-incident-report.ts';
import { type ExportFormat, signExport } from './export-signature.ts';
import { installationSigningKey } from './signing-key.ts';

export interface SignedExport {
  report: IncidentReport;
  format: ExportFormat;
  bytes: Buffer;
  sha256: string;
  keyId: string;
}

async function render(report: IncidentReport, format: ExportFormat): Promise<Buffer> {
  // The renderers load on first use: most servers rarely export. The PDF is laid out in a process of its own.
  if (format === 'json') return Buffer.from(`${JSON.stringify(report, null, 1)}\n`, 'utf8');
  if (format === 'html') return Buffer.from((await import('./render-report-html.ts')).renderReportHtml(report), 'utf8');
  return runInChildProcess(new URL('./render-report-pdf.ts', import.meta.url), 'renderReportPdf', report);
}

/**
 * The incident report in one format, signed with the installation's key, and the export recorded on the incident's
 * timeline (format, SHA-256 of the signed file, key id, the timeline head it shows) before the file is handed out.
 * Whoever may read the incident may export it (404 otherwise, as readIncident): recording it is the audit trail.
 */
export async function exportIncidentReport(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  format: ExportFormat,
  options: { timeZone?: string } = {},
): Promise<SignedExport> {
  const record = await readIncident(deps, actor, idOrKey);
  const report = await buildIncidentReport(deps, actor, record, options);
  const key = await installationSigningKey(deps.config, deps.database);
  const bytes = signExport(await render(report, format), format, key.privateKey, key.keyId);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await appendToIncident(deps, actor, record.state.id, {
    authorize: (tx, state) => assertIncidentAccess(tx, actor, state, 'incident.read', `No incident ${idOrKey}`),
    decide: () => [
      {
        type: 'report.exported',
        data: {
          format,
          sha256,
          size: bytes.length,
          keyId: key.keyId,
          timelineSeq: report.timeline.headSeq,
          timelineHead: report.timeline.headHash,
        },
      },
    ],
  });
  return { report, format, bytes, sha256, keyId: key.keyId };
}
