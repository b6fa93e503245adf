import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { GRID, pdfMake } from '../core/print/pdf-make.ts';
import type { IncidentReport } from './report-sections.ts';
import {
  impactWords,
  pageMarking,
  preservationWords,
  preserveAnswerWords,
  REPORT_SECTIONS,
  reportStamp,
  submissionWords,
  TLP_COLOURS,
  VERIFY_WORDS,
  when,
} from './report-words.ts';
import { reviewSection } from './review-section.ts';

/**
 * The incident report as an A4 PDF: the TLP marking (and EXERCISE) in the header and the footer of every page,
 * page numbers, the same sections as the HTML. The timeline is plain lines, so 10,000 events lay out in seconds.
 */

function table(widths: (number | string)[], head: string[], rows: TableCell[][], empty: string): Content {
  if (rows.length === 0) return { text: empty, italics: true, style: 'small', margin: [0, 0, 0, 6] };
  return {
    table: { headerRows: 1, widths, body: [head.map((h) => ({ text: h, style: 'th' })), ...rows] },
    layout: GRID,
    margin: [0, 2, 0, 8],
  };
}

function facts(rows: [string, string | Content][]): Content {
  return {
    table: { widths: [120, '*'], body: rows.map(([k, v]) => [{ text: k, style: 'th' }, v as TableCell]) },
    layout: GRID,
    margin: [0, 2, 0, 8],
  };
}

const h2 = (text: string): Content => ({ text, style: 'h2' });

function summary(r: IncidentReport): Content[] {
  const i = r.incident;
  const t = i.times;
  return [
    h2(REPORT_SECTIONS.summary),
    facts([
      ['Incident', `${i.key} — ${i.title}`],
      ['Customer', i.customer ? `${i.customer.name} (${i.customer.code})` : 'none'],
      ['Status', i.status],
      ['Description', i.description || '—'],
      ['Affected services', i.services.map((s) => s.name).join(', ') || 'none'],
      ['Plan in force', i.plan ? `version ${i.plan.version}, SHA-256 ${i.plan.sha256}` : 'none'],
      ['Source', i.source],
      ['Occurred / detected / aware', `${when(r, t.occurredAt)} / ${when(r, t.detectedAt)} / ${when(r, t.awareAt)}`],
      ['Reported / classified', `${when(r, t.reportedAt)} / ${when(r, t.classifiedAt)}`],
      ['Contained / eradicated / resolved', `${when(r, t.containedAt)} / ${when(r, t.eradicatedAt)} / ${when(r, t.resolvedAt)}`],
      ['Closed', when(r, t.closedAt)],
      ['Times in this report', r.timeZone],
    ]),
  ];
}

function classification(r: IncidentReport): Content[] {
  const i = r.incident;
  return [
    h2(REPORT_SECTIONS.classification),
    facts([
      ['Category', i.category ?? 'not set'],
      ['Origin', i.origin],
      ['Impact (C/I/A)', impactWords(i.impact)],
      [
        'Severity',
        `${i.severity ?? 'not assessed'}${i.severityOverride ? ` (overridden from ${i.derivedSeverity ?? 'none'}: ${i.severityOverride.reason})` : ''}`,
      ],
      ['TLP', i.tlp],
      ['Personal data', i.personalData === null ? 'not known' : i.personalData ? 'yes' : 'no'],
      ['Exercise', i.exercise ? 'yes — this is an exercise' : 'no'],
      [
        'Determinations',
        Object.entries(i.determinations)
          .map(([n, at]) => `${n} (${when(r, at)})`)
          .join('; ') || 'none',
      ],
    ]),
  ];
}

function sections(r: IncidentReport): Content[] {
  const e = r.effects;
  return [
    h2(REPORT_SECTIONS.effects),
    { text: `${e.answered} of ${e.total} questions answered.`, style: 'small' },
    table(
      [150, 70, '*', 90],
      ['Question', 'Answer', 'Detail', 'By, when'],
      e.answers.map((a) => [
        a.text,
        `${a.answer ?? '—'}${a.confidence ? ` (${a.confidence})` : ''}`,
        [a.detail, a.volume ? `Volume: ${a.volume}` : '', a.scans?.map((s) => `${s.toolkit} ${s.result}`).join('; ') ?? '']
          .filter(Boolean)
          .join('\n'),
        { text: `${a.answeredBy ?? ''}\n${a.answeredAt ? when(r, a.answeredAt) : ''}`, style: 'small' },
      ]),
      '',
    ),
    ...e.warnings.map((w): Content => ({ text: `Warning: ${w.message}`, style: 'small' })),
    h2(REPORT_SECTIONS.decisions),
    table(
      [95, 70, '*', '*'],
      ['When', 'Who', 'Decision', 'Reason'],
      r.decisions.map((d) => [when(r, d.at), d.by, d.decision, d.reason ?? '—']),
      'No decisions recorded.',
    ),
    h2(REPORT_SECTIONS.roles),
    table(
      [150, '*'],
      ['Role', 'Held by'],
      r.roles.map((x) => [x.label, `${x.holder ?? '—'}${x.via === 'roster' ? ' (from the plan’s roster)' : ''}`]),
      '',
    ),
    h2(REPORT_SECTIONS.tasks),
    table(
      ['*', 100, 95, 60],
      ['Task', 'Role, assignee', 'Due', 'Status'],
      r.tasks.map((t) => [
        { text: [t.title, t.override ? `\nDone without the customer’s instruction: ${t.override}` : ''] },
        `${t.role ?? ''}${t.assignee ? ` · ${t.assignee}` : ''}`,
        when(r, t.dueAt),
        t.status,
      ]),
      'No tasks.',
    ),
    h2(REPORT_SECTIONS.notifications),
    table(
      ['*', 190, 95],
      ['Notification', 'Delivery', 'Acknowledged'],
      r.notifications.map((n) => [
        {
          stack: [
            { text: n.subject, bold: true },
            {
              text: `${n.purpose} · ${n.kind} · ${n.status} · by ${n.createdBy} ${when(r, n.sentAt ?? n.createdAt)}`,
              style: 'small',
            },
          ],
        },
        {
          text: n.attempts.length
            ? n.attempts
                .map((a) => `${when(r, a.at)} ${a.level}: ${a.outcome} — ${a.channel}${a.reason ? ` (${a.reason})` : ''}`)
                .join('\n')
            : 'no delivery attempt',
          style: 'small',
        },
        n.acknowledgedAt ? `${when(r, n.acknowledgedAt)} by ${n.acknowledgedBy ?? 'unknown'}` : 'not acknowledged',
      ]),
      'No notifications.',
    ),
    h2(REPORT_SECTIONS.obligations),
    table(
      [110, 70, 80, 80, '*'],
      ['Obligation, stage', 'Clock started', 'Due', 'Status', 'Submitted, how'],
      r.obligations.map((o) => [
        { text: [o.obligation, '\n', { text: o.stage, bold: true }, `\nto ${o.recipient}`] },
        when(r, o.startedAt),
        when(r, o.dueAt),
        `${o.status}${o.missedAt ? `\nmissed ${when(r, o.missedAt)}` : ''}`,
        submissionWords(r, o),
      ]),
      'No reporting obligation applies to this incident.',
    ),
    h2(REPORT_SECTIONS.evidence),
    ...(r.evidence.length
      ? r.evidence.flatMap((item): Content[] => [
          { text: item.name, style: 'h3' },
          facts([
            ['SHA-256', { text: item.sha256, fontSize: 7.5 }],
            ['Type, size', `${item.contentType}, ${item.size} bytes`],
            ['Source', item.source],
            ['Collected', `${when(r, item.collectedAt)} by ${item.collectedBy}`],
          ]),
          table(
            [16, 90, 70, 60, '*'],
            ['#', 'When', 'Who', 'Action', 'To, where, note'],
            item.custody.map((c) => [
              String(c.seq),
              when(r, c.at),
              c.by.name,
              c.action,
              [c.to, c.location, c.note].filter(Boolean).join(' · '),
            ]),
            'No custody steps recorded.',
          ),
        ])
      : [{ text: 'No evidence.', italics: true, style: 'small' } as Content]),
    ...preservedAndSeen(r),
  ];
}

/** The preservation requests with their custody, and the observables: compact tables, one row each. */
function preservedAndSeen(r: IncidentReport): Content[] {
  return [
    h2(REPORT_SECTIONS.preservation),
    ...(r.preservation.length
      ? r.preservation.flatMap((p): Content[] => [
          { text: `Preservation request ${p.id}`, style: 'h3' },
          { text: preservationWords(r, p), style: 'small' },
          table(
            [16, '*', 200],
            ['#', 'Item', 'Latest answer'],
            p.items.map((item, i) => [String(i + 1), item.text, preserveAnswerWords(r, item.answer)]),
            'No items.',
          ),
          table(
            [16, 90, 70, 60, '*'],
            ['#', 'When', 'Who', 'Action', 'Item, where, note'],
            p.custody.map((c) => [
              String(c.seq),
              when(r, c.at),
              c.by,
              c.action,
              [c.item, c.location, c.note].filter(Boolean).join(' · '),
            ]),
            'No custody steps recorded.',
          ),
        ])
      : [{ text: 'No preservation requests.', italics: true, style: 'small' } as Content]),
    h2(REPORT_SECTIONS.observables),
    table(
      [50, '*', 55, 70, 80, 80],
      ['Type', 'Value', 'TLP', 'Tags', 'First seen', 'Last seen'],
      r.observables.map((o) => [
        o.type,
        { text: [o.value, o.description ? `\n${o.description}` : ''] },
        o.tlp,
        o.tags.join(', '),
        when(r, o.firstSeen),
        when(r, o.lastSeen),
      ]),
      'No observables.',
    ),
  ];
}

const LINES_PER_BLOCK = 50;

function review(r: IncidentReport): Content[] {
  const section = reviewSection(r);
  if (!section) return [];
  return [
    h2(section.heading),
    facts(section.facts),
    facts(section.writing),
    ...section.tables.flatMap((t): Content[] => [
      { text: t.title, style: 'h3' },
      table(
        t.head.map((_, i) => (i === 0 ? 95 : '*')),
        t.head,
        t.rows,
        t.empty,
      ),
    ]),
  ];
}

function timeline(r: IncidentReport): Content[] {
  const t = r.timeline;
  return [
    { text: REPORT_SECTIONS.timeline, style: 'h2', pageBreak: 'before' },
    {
      text: `${t.count} events. Timeline head at export: event #${t.headSeq}, SHA-256 ${t.headHash}. The chain ${t.integrity.valid ? 'was checked and is intact' : `is BROKEN: ${t.integrity.problem}`}. The export itself is recorded as the next event.`,
      style: 'small',
      margin: [0, 0, 0, 4],
    },
    // Plain lines, 50 to a text block: pdfmake lays text out several times faster than table cells (10,000 events
    // in about 2 s instead of 5 to 8), and a log reads well as lines.
    { text: 'seq. when who: what', bold: true, fontSize: 7, margin: [0, 0, 0, 2] },
    ...Array.from(
      { length: Math.ceil(t.events.length / LINES_PER_BLOCK) },
      (_, block): Content => ({
        text: t.events
          .slice(block * LINES_PER_BLOCK, (block + 1) * LINES_PER_BLOCK)
          .map((e) => `${e.seq}. ${when(r, e.at)} ${e.actor ?? 'system'}: ${e.words}`)
          .join('\n'),
        fontSize: 7,
        lineHeight: 1.05,
      }),
    ),
  ];
}

/** The report as PDF bytes (the signature trailer is appended after %%EOF by the caller). */
export async function renderReportPdf(r: IncidentReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const marking = pageMarking(r);
  const mark = (margin: [number, number, number, number]): Content => ({
    text: ` ${marking} `,
    bold: true,
    fontSize: 9,
    color: TLP_COLOURS[r.tlp],
    background: '#000000',
    alignment: 'center',
    margin,
  });
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 56, 40, 56],
    compress: options.compress ?? true,
    info: {
      title: `${marking} — Incident report ${r.incident.key}`,
      subject: reportStamp(r),
      creator: 'Muster',
      producer: 'Muster',
    },
    header: () => ({
      stack: [
        mark([40, 18, 40, 2]),
        { text: `${r.incident.key} · ${r.incident.title}`, fontSize: 7, color: '#444444', alignment: 'center' },
      ],
    }),
    footer: (page, pages) => ({
      stack: [
        mark([40, 10, 40, 2]),
        { text: `${r.incident.key} · page ${page} of ${pages}`, fontSize: 7, color: '#444444', alignment: 'center' },
      ],
    }),
    content: [
      { text: `Incident report: ${r.incident.key}`, style: 'title' },
      { text: r.incident.title, bold: true, fontSize: 12 },
      { text: reportStamp(r), style: 'small', margin: [0, 2, 0, 6] },
      ...summary(r),
      ...classification(r),
      ...sections(r),
      ...review(r),
      {
        text: `Generated ${when(r, r.generatedAt)} by ${r.generatedBy.name}. ${VERIFY_WORDS}`,
        style: 'small',
        margin: [0, 8, 0, 0],
      },
      ...timeline(r),
    ],
    defaultStyle: { font: 'Roboto', fontSize: 8.5, lineHeight: 1.1 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 3] },
      h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
      th: { bold: true, fontSize: 8, fillColor: '#e8e8e8' },
      small: { fontSize: 7.5 },
    },
  };
  return pdfMake().createPdf(definition).getBuffer();
}
