import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { pdfText } from '../testing/pdf-text.ts';
import { renderReportHtml } from './render-report-html.ts';
import { renderReportPdf } from './render-report-pdf.ts';
import type { IncidentReport } from './report-sections.ts';

const squash = (text: string) => text.replace(/\s+/g, '');

/** A report as buildIncidentReport makes it, with a 600-event timeline and a title full of markup. */
function reportFixture(overrides: Partial<IncidentReport> = {}): IncidentReport {
  const start = Date.parse('2026-03-29T00:30:00.000Z'); // Oslo moves to summer time at 01:00 UTC that night
  const events = Array.from({ length: 600 }, (_, i) => ({
    seq: i + 1,
    at: new Date(start + i * 60_000).toISOString(),
    actor: 'Ada Admin',
    type: 'note.added',
    words: `Note: checked host ${i + 1}`,
    data: { body: `checked host ${i + 1}` },
    hash: 'a'.repeat(64),
  }));
  return {
    kind: 'muster-incident-report',
    version: 1,
    generatedAt: '2026-03-30T08:00:00.000Z',
    generatedBy: { id: 'u1', name: 'Ada Admin' },
    timeZone: 'Europe/Oslo',
    tlp: 'TLP:RED',
    exercise: false,
    incident: {
      id: 'i1',
      key: 'INC-2026-0042',
      title: '<script>alert(1)</script> & Co',
      description: 'Files encrypted',
      status: 'responding',
      category: null,
      origin: 'attack',
      impact: { confidentiality: 'high', integrity: 'low', availability: 'none' },
      severity: 'high',
      derivedSeverity: 'high',
      severityOverride: null,
      tlp: 'TLP:RED',
      exercise: false,
      personalData: true,
      source: 'web',
      determinations: {},
      times: {
        occurredAt: null,
        detectedAt: null,
        awareAt: '2026-03-29T00:30:00.000Z',
        reportedAt: '2026-03-29T00:30:00.000Z',
        confirmedAt: null,
        classifiedAt: null,
        containedAt: null,
        eradicatedAt: null,
        resolvedAt: null,
        closedAt: null,
      },
      version: 600,
      customer: { id: 'c1', name: 'Nordlys Energi', code: 'NLE' },
      services: [],
      plan: null,
    },
    effects: { answered: 0, total: 0, answers: [], proposedImpact: null, warnings: [] },
    decisions: [{ seq: 2, at: '2026-03-29T00:31:00.000Z', by: 'Ada Admin', decision: 'DP1: incident', reason: 'Confirmed' }],
    roles: [],
    tasks: [],
    notifications: [],
    obligations: [],
    evidence: [],
    preservation: [],
    observables: [],
    timeline: {
      count: 600,
      headSeq: 600,
      headHash: 'a'.repeat(64),
      integrity: { valid: true, count: 600, head: 'a'.repeat(64) },
      events,
    },
    ...overrides,
  };
}

describe('the incident report as HTML and PDF', () => {
  let pdf: Buffer;
  let text: string;
  before(async () => {
    pdf = await renderReportPdf(reportFixture());
    text = squash(pdfText(pdf));
  });

  it('marks every PDF page with the TLP in its header and its footer, and numbers the pages', () => {
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    assert.ok(pages >= 10, `${pages} pages`);
    assert.ok(text.split('TLP:RED').length - 1 >= pages * 2, 'header and footer of each page');
    for (let page = 1; page <= pages; page++) assert.ok(text.includes(`INC-2026-0042·page${page}of${pages}`), `page ${page}`);
    assert.ok(!text.includes('EXERCISE'), 'a real incident is not marked as an exercise');
  });

  it('lists every timeline event, in the zone’s time on either side of the change to summer time', () => {
    assert.ok(text.includes(squash('1. 2026-03-29 01:30:00 +01:00 Ada Admin: Note: checked host 1')));
    assert.ok(text.includes(squash('600. 2026-03-29 12:29:00 +02:00 Ada Admin: Note: checked host 600')));
    const html = renderReportHtml(reportFixture());
    assert.ok(html.includes('2026-03-29 01:30:00 +01:00'));
    assert.ok(html.includes('2026-03-29 03:00:00 +02:00'), 'the hour after 02:00 does not exist that night');
  });

  it('shows text as text: markup in a title is escaped in the HTML and printed as typed in the PDF', () => {
    const html = renderReportHtml(reportFixture());
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62; &#38; Co'));
    assert.ok(text.includes(squash('<script>alert(1)</script> & Co')));
  });

  it('marks an exercise as EXERCISE on every page and in the HTML page margins', async () => {
    const drill = reportFixture({ exercise: true, tlp: 'TLP:AMBER' });
    const out = await renderReportPdf(drill);
    const pages = out.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    assert.ok(squash(pdfText(out)).split('TLP:AMBER·EXERCISE').length - 1 >= pages * 2);
    assert.match(renderReportHtml(drill), /@top-center\{content:"TLP:AMBER \\0000b7 {2}EXERCISE"/);
  });
});
