import { cssString, html, htmlText, raw, type SafeHtml } from '../core/print/safe-html.ts';
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
 * The incident report as one self-contained HTML file (no scripts, nothing fetched) that prints on A4 with the
 * TLP marking at the top and bottom of every page, from the model buildIncidentReport made.
 */

const FONTS = '"Helvetica Neue",Helvetica,Arial,"Liberation Sans","DejaVu Sans",sans-serif';

function css(report: IncidentReport): string {
  const colour = TLP_COLOURS[report.tlp];
  const marking = cssString(pageMarking(report));
  const box = `content:${marking};font-family:${FONTS};font-weight:bold;font-size:9pt;color:${colour};background:#000;padding:1mm 3mm`;
  return `@page{size:A4;margin:18mm 14mm 18mm 14mm;
@top-center{${box}}
@bottom-center{${box}}
@bottom-right{content:"page " counter(page) " of " counter(pages);font-family:${FONTS};font-size:7pt;color:#444}
@top-right{content:${cssString(report.incident.key)};font-family:${FONTS};font-size:7pt;color:#444}}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-family:${FONTS};font-size:9.5pt;line-height:1.35;color:#000;margin:0 auto;max-width:190mm;padding:6mm 0}
h1{font-size:18pt;margin:2mm 0}
h2{font-size:13pt;margin:7mm 0 2mm;break-after:avoid;page-break-after:avoid}
h3{font-size:10.5pt;margin:4mm 0 1mm;break-after:avoid;page-break-after:avoid}
table{width:100%;border-collapse:collapse;margin:2mm 0 4mm}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
th,td{border:0.6pt solid #444;padding:1mm 1.4mm;text-align:left;vertical-align:top}
th{background:#e8e8e8;font-size:8.5pt}
.tlp{display:inline-block;font-weight:bold;color:${colour};background:#000;padding:0.6mm 2.5mm}
.banner{margin:0 0 3mm}
.exercise{display:inline-block;font-weight:bold;border:1.5pt solid #000;padding:0.4mm 2mm;margin-left:2mm}
.mono{font-family:"DejaVu Sans Mono","Liberation Mono",Consolas,monospace;word-break:break-all}
.small{font-size:8pt;color:#222}
.timeline td{font-size:7.5pt;padding:0.5mm 1mm}
footer{margin-top:6mm;border-top:0.6pt solid #999;padding-top:2mm;font-size:8pt}
@media print{body{max-width:none;padding:0}.banner{display:none}}`;
}

function banner(report: IncidentReport): SafeHtml {
  return html`<p class="banner"><span class="tlp">${report.tlp}</span>${report.exercise ? html`<span class="exercise">EXERCISE</span>` : ''}</p>`;
}

function table(head: string[], rows: SafeHtml[], empty: string, cls = ''): SafeHtml {
  if (rows.length === 0) return html`<p class="small"><em>${empty}</em></p>`;
  return html`<table${cls ? raw(` class="${cls}"`) : ''}><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
}

function facts(rows: [string, unknown][]): SafeHtml {
  return html`<table><tbody>${rows.map(([k, v]) => html`<tr><th style="width:45mm">${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}

function summary(r: IncidentReport): SafeHtml {
  const i = r.incident;
  const t = i.times;
  return html`<h2 id="summary">${REPORT_SECTIONS.summary}</h2>
${facts([
  ['Incident', `${i.key} — ${i.title}`],
  ['Customer', i.customer ? `${i.customer.name} (${i.customer.code})` : 'none'],
  ['Status', i.status],
  ['Description', i.description || '—'],
  ['Affected services', i.services.map((s) => s.name).join(', ') || 'none'],
  ['Plan in force', i.plan ? html`version ${i.plan.version}, SHA-256 <span class="mono">${i.plan.sha256}</span>` : 'none'],
  ['Source', i.source],
  ['Occurred / detected / aware', `${when(r, t.occurredAt)} / ${when(r, t.detectedAt)} / ${when(r, t.awareAt)}`],
  ['Reported / classified', `${when(r, t.reportedAt)} / ${when(r, t.classifiedAt)}`],
  ['Contained / eradicated / resolved', `${when(r, t.containedAt)} / ${when(r, t.eradicatedAt)} / ${when(r, t.resolvedAt)}`],
  ['Closed', when(r, t.closedAt)],
  ['Times in this report', r.timeZone],
])}`;
}

function classification(r: IncidentReport): SafeHtml {
  const i = r.incident;
  return html`<h2 id="classification">${REPORT_SECTIONS.classification}</h2>
${facts([
  ['Category', i.category ?? 'not set'],
  ['Origin', i.origin],
  ['Impact (C/I/A)', impactWords(i.impact)],
  [
    'Severity',
    `${i.severity ?? 'not assessed'}${i.severityOverride ? ` (overridden from ${i.derivedSeverity ?? 'none'}: ${i.severityOverride.reason})` : ''}`,
  ],
  ['TLP', html`<span class="tlp">${i.tlp}</span>`],
  ['Personal data', i.personalData === null ? 'not known' : i.personalData ? 'yes' : 'no'],
  ['Exercise', i.exercise ? 'yes — this is an exercise' : 'no'],
  [
    'Determinations',
    Object.entries(i.determinations)
      .map(([n, at]) => `${n} (${when(r, at)})`)
      .join('; ') || 'none',
  ],
])}`;
}

function effects(r: IncidentReport): SafeHtml {
  const rows = r.effects.answers.map(
    (a) => html`<tr><td>${a.text}</td><td>${a.answer ?? '—'}${a.confidence ? ` (${a.confidence} confidence)` : ''}</td>
<td>${a.detail}${a.volume ? html`<br>Volume: ${a.volume}` : ''}${a.scans?.length ? html`<br>Scans: ${a.scans.map((s) => `${s.toolkit} ${s.result}${s.note ? ` (${s.note})` : ''}`).join('; ')}` : ''}</td>
<td>${a.answeredBy ?? ''}<br>${a.answeredAt ? when(r, a.answeredAt) : ''}</td></tr>`,
  );
  return html`<h2 id="effects">${REPORT_SECTIONS.effects}</h2>
<p class="small">${r.effects.answered} of ${r.effects.total} questions answered.${r.effects.proposedImpact ? ` The answers propose ${impactWords(r.effects.proposedImpact)}.` : ''}</p>
${table(['Question', 'Answer', 'Detail', 'By, when'], rows, '')}
${r.effects.warnings.map((w) => html`<p class="small"><strong>Warning:</strong> ${w.message}</p>`)}`;
}

function decisions(r: IncidentReport): SafeHtml {
  return html`<h2 id="decisions">${REPORT_SECTIONS.decisions}</h2>
${table(
  ['When', 'Who', 'Decision', 'Reason', '#'],
  r.decisions.map(
    (d) =>
      html`<tr><td>${when(r, d.at)}</td><td>${d.by}</td><td>${d.decision}</td><td>${d.reason ?? '—'}</td><td>${d.seq}</td></tr>`,
  ),
  'No decisions recorded.',
)}`;
}

function roles(r: IncidentReport): SafeHtml {
  return html`<h2 id="roles">${REPORT_SECTIONS.roles}</h2>
${table(
  ['Role', 'Held by'],
  r.roles.map(
    (x) => html`<tr><td>${x.label}</td><td>${x.holder ?? '—'}${x.via === 'roster' ? ' (from the plan’s roster)' : ''}</td></tr>`,
  ),
  '',
)}`;
}

function tasks(r: IncidentReport): SafeHtml {
  return html`<h2 id="tasks">${REPORT_SECTIONS.tasks}</h2>
${table(
  ['Task', 'Role, assignee', 'Due', 'Status'],
  r.tasks.map(
    (
      t,
    ) => html`<tr><td>${t.title}${t.playbook ? html`<br><span class="small">${t.playbook}${t.phase ? ` · ${t.phase}` : ''}</span>` : ''}${t.override ? html`<br><span class="small">Done without the customer’s instruction: ${t.override}</span>` : ''}</td>
<td>${t.role ?? ''}${t.assignee ? ` · ${t.assignee}` : ''}</td><td>${when(r, t.dueAt)}</td><td>${t.status}${t.note ? html`<br><span class="small">${t.note}</span>` : ''}</td></tr>`,
  ),
  'No tasks.',
)}`;
}

function notifications(r: IncidentReport): SafeHtml {
  return html`<h2 id="notifications">${REPORT_SECTIONS.notifications}</h2>
${table(
  ['Notification', 'Delivery', 'Acknowledged'],
  r.notifications.map(
    (
      n,
    ) => html`<tr><td><strong>${n.subject}</strong><br><span class="small">${n.purpose} · ${n.kind} · ${n.status} · sent by ${n.createdBy} ${when(r, n.sentAt ?? n.createdAt)}${n.obligationRef ? ` · for ${n.obligationRef}` : ''}</span></td>
<td class="small">${n.attempts.length ? n.attempts.map((a, i) => html`${i ? raw('<br>') : ''}${when(r, a.at)} ${a.level}: ${a.outcome} — ${a.channel}${a.reason ? ` (${a.reason})` : ''}`) : 'no delivery attempt'}</td>
<td>${n.acknowledgedAt ? `${when(r, n.acknowledgedAt)} by ${n.acknowledgedBy ?? 'unknown'}` : 'not acknowledged'}${n.response ? html`<br><span class="small">Answer: ${n.response.decision} — ${n.response.text} (${n.response.by})</span>` : ''}</td></tr>`,
  ),
  'No notifications.',
)}`;
}

function obligations(r: IncidentReport): SafeHtml {
  return html`<h2 id="obligations">${REPORT_SECTIONS.obligations}</h2>
${table(
  ['Obligation, stage', 'Recipient', 'Clock started', 'Due', 'Status', 'Submitted, how'],
  r.obligations.map(
    (o) =>
      html`<tr><td>${o.obligation}<br><strong>${o.stage}</strong></td><td>${o.recipient}</td><td>${when(r, o.startedAt)}</td><td>${when(r, o.dueAt)}</td><td>${o.status}${o.missedAt ? html`<br>missed ${when(r, o.missedAt)}` : ''}</td><td>${submissionWords(r, o)}</td></tr>`,
  ),
  'No reporting obligation applies to this incident.',
)}`;
}

function evidence(r: IncidentReport): SafeHtml {
  return html`<h2 id="evidence">${REPORT_SECTIONS.evidence}</h2>
${
  r.evidence.length
    ? r.evidence.map(
        (e) => html`<h3>${e.name}</h3>
${facts([
  ['SHA-256', html`<span class="mono">${e.sha256}</span>`],
  ['Type, size', `${e.contentType}, ${e.size} bytes`],
  ['Source', e.source],
  ['Collected', `${when(r, e.collectedAt)} by ${e.collectedBy}`],
])}
${table(
  ['#', 'When', 'Who', 'Action', 'To, where', 'Note'],
  e.custody.map(
    (c) =>
      html`<tr><td>${c.seq}</td><td>${when(r, c.at)}</td><td>${c.by.name}</td><td>${c.action}</td><td>${[c.to, c.location].filter(Boolean).join(' · ')}</td><td>${c.note}</td></tr>`,
  ),
  'No custody steps recorded.',
)}`,
      )
    : html`<p class="small"><em>No evidence.</em></p>`
}`;
}

function preservation(r: IncidentReport): SafeHtml {
  return html`<h2 id="preservation">${REPORT_SECTIONS.preservation}</h2>
${
  r.preservation.length
    ? r.preservation.map(
        (p) => html`<h3>Preservation request ${p.id}</h3>
<p class="small">${preservationWords(r, p)}</p>
${table(
  ['#', 'Item', 'Latest answer'],
  p.items.map((item, i) => html`<tr><td>${i + 1}</td><td>${item.text}</td><td>${preserveAnswerWords(r, item.answer)}</td></tr>`),
  'No items.',
)}
${table(
  ['#', 'When', 'Who', 'Action', 'Item', 'Where, note'],
  p.custody.map(
    (c) =>
      html`<tr><td>${c.seq}</td><td>${when(r, c.at)}</td><td>${c.by}</td><td>${c.action}</td><td>${c.item}</td><td>${[c.location, c.note].filter(Boolean).join(' · ')}</td></tr>`,
  ),
  'No custody steps recorded.',
)}`,
      )
    : html`<p class="small"><em>No preservation requests.</em></p>`
}`;
}

function observables(r: IncidentReport): SafeHtml {
  return html`<h2 id="observables">${REPORT_SECTIONS.observables}</h2>
${table(
  ['Type', 'Value', 'TLP', 'Tags', 'First seen', 'Last seen'],
  r.observables.map(
    (o) =>
      html`<tr><td>${o.type}</td><td class="mono">${o.value}${o.description ? html`<br><span class="small">${o.description}</span>` : ''}</td><td>${o.tlp}</td><td>${o.tags.join(', ')}</td><td>${when(r, o.firstSeen)}</td><td>${when(r, o.lastSeen)}</td></tr>`,
  ),
  'No observables.',
)}`;
}

function review(r: IncidentReport): SafeHtml {
  const section = reviewSection(r);
  if (!section) return html``;
  return html`<h2 id="review">${section.heading}</h2>
${facts(section.facts)}${facts(section.writing.map(([k, v]) => [k, html`<span style="white-space:pre-wrap">${v}</span>`]))}
${section.tables.map(
  (t) => html`<h3>${t.title}</h3>
${table(
  t.head,
  t.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`),
  t.empty,
)}`,
)}`;
}

function timeline(r: IncidentReport): SafeHtml {
  const t = r.timeline;
  return html`<h2 id="timeline">${REPORT_SECTIONS.timeline}</h2>
<p class="small">${t.count} events. Timeline head at export: event #${t.headSeq}, SHA-256 <span class="mono">${t.headHash}</span>. The chain ${t.integrity.valid ? 'was checked and is intact' : `is BROKEN: ${t.integrity.problem}`}. The export itself is recorded as the next event.</p>
${table(
  ['#', 'When', 'Who', 'What', 'Hash'],
  t.events.map(
    (e) =>
      html`<tr><td>${e.seq}</td><td>${when(r, e.at)}</td><td>${e.actor ?? ''}</td><td>${e.words}</td><td class="mono">${e.hash.slice(0, 12)}</td></tr>`,
  ),
  'No events.',
  'timeline',
)}`;
}

/** The report as HTML text, ending in a newline (the signature trailer follows it). */
export function renderReportHtml(r: IncidentReport): string {
  const body = html`${banner(r)}
<h1>Incident report: ${r.incident.key}</h1>
<p><strong>${r.incident.title}</strong></p>
<p class="small mono">${reportStamp(r)}</p>
${summary(r)}${classification(r)}${effects(r)}${decisions(r)}${roles(r)}${tasks(r)}${notifications(r)}${obligations(r)}${evidence(r)}${preservation(r)}${observables(r)}${review(r)}${timeline(r)}
<footer><p>Generated ${when(r, r.generatedAt)} by ${r.generatedBy.name}.</p><p>${VERIFY_WORDS}</p></footer>
${banner(r)}`;
  return `<!doctype html>\n${htmlText(
    html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="muster-incident" content="${r.incident.key}"><meta name="muster-timeline-head" content="${r.timeline.headHash}">
<title>${pageMarking(r)} — Incident report ${r.incident.key}: ${r.incident.title}</title>
<style>${raw(css(r))}</style></head>
<body>${body}</body></html>`,
  )}\n`;
}
