import type { PlanVersion } from '../../shared/prepare-types.ts';
import { runInChildProcess } from '../core/child-process/run-in-child-process.ts';
import { cssString, html, htmlText, raw, type SafeHtml } from '../core/print/safe-html.ts';
import {
  buildKitModel,
  KIT_SECTIONS,
  type KitLadder,
  type KitModel,
  type KitOptions,
  type KitPerson,
  WAIT_LABEL,
} from './offline-kit-model.ts';

/**
 * The offline kit: a published contingency plan as the binder on the shelf, for when Muster, e-mail and chat are
 * down, laid out as one self-contained HTML file (and a one-page PACE card) from the model in offline-kit-model.ts.
 */
const FONTS = '"Helvetica Neue",Helvetica,Arial,"Liberation Sans","DejaVu Sans",sans-serif';
// Page margin boxes do not inherit the body's font.
const MARGIN_FONT = `font-family:${FONTS};color:#444`;

const BASE_CSS = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-family:${FONTS};font-size:10pt;line-height:1.35;color:#000;margin:0 auto;max-width:190mm;padding:8mm 0}
h1{font-size:22pt;margin:0 0 4mm}
h2{font-size:15pt;margin:0 0 2mm;break-after:avoid;page-break-after:avoid}
h3{font-size:12pt;margin:6mm 0 2mm;break-after:avoid;page-break-after:avoid}
h4{font-size:10.5pt;margin:4mm 0 1mm;break-after:avoid;page-break-after:avoid}
p{margin:1mm 0 2mm}
a{color:#0b3d91}
table{width:100%;border-collapse:collapse;margin:2mm 0 4mm}
thead{display:table-header-group}
tr,.keep{break-inside:avoid;page-break-inside:avoid}
th,td{border:0.6pt solid #444;padding:1.2mm 1.6mm;text-align:left;vertical-align:top}
th{background:#e8e8e8;font-size:9pt}
td.level{font-weight:bold;white-space:nowrap}
td ul{margin:0;padding-left:4mm}
.mono{font-family:"DejaVu Sans Mono","Liberation Mono",Consolas,monospace;word-break:break-all}
.small{font-size:8.5pt;color:#222}
.muted{color:#555}
.stamp{font-size:7.5pt;color:#333;border-bottom:0.6pt solid #999;padding-bottom:1mm;margin-bottom:3mm}
.warning{border-left:3pt solid #000;padding:1mm 2mm;margin:1mm 0;font-size:9pt}
.missing{font-style:italic}
.box{display:inline-block;width:3.6mm;height:3.6mm;border:1.2pt solid #000;vertical-align:middle}
.wait{display:inline-block;border:1.5pt solid #000;padding:0.4mm 1.2mm;font-weight:bold;font-size:8pt;margin-top:1mm}
.fill{display:inline-block;min-width:40mm;border-bottom:0.6pt solid #000}
footer.end{margin-top:8mm;font-size:8pt;border-top:0.6pt solid #999;padding-top:2mm}
@media print{body{max-width:none;padding:0}a{color:#000}}
`;

function pageCss(model: KitModel, title: string, margin = '16mm 14mm 18mm 14mm'): string {
  return `@page{size:A4;margin:${margin};
@top-left{content:${cssString(`${model.customer.name} · ${title} v${model.version}`)};${MARGIN_FONT};font-size:7.5pt}
@top-right{content:"Confidential";${MARGIN_FONT};font-size:7.5pt}
@bottom-center{content:${cssString(`${model.stamp} · page `)} counter(page) " of " counter(pages);${MARGIN_FONT};font-size:6.5pt}}`;
}

function htmlDocument(model: KitModel, title: string, css: string, body: SafeHtml): string {
  return `<!doctype html>\n${htmlText(
    html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="muster-plan-version" content="${model.version}"><meta name="muster-plan-sha256" content="${model.sha256}">
<title>${title} — ${model.customer.name} (${model.customer.code}) v${model.version}</title>
<style>${raw(css)}</style></head>
<body>${body}</body></html>`,
  )}\n`;
}

function sectionHead(model: KitModel, id: SectionId): SafeHtml {
  const number = SECTION_IDS.indexOf(id) + 1;
  return html`<h2 id="${id}">${number}. ${KIT_SECTIONS[id]}</h2><p class="stamp mono">${model.stamp}</p>`;
}

function personCell(p: KitPerson | null): SafeHtml {
  if (!p) return html`<span class="missing">Not assigned</span>`;
  return html`<strong>${p.name}</strong><br><span class="small">${p.line}</span>${p.channels.map((c) => html`<br><span class="small">${c}</span>`)}`;
}

function ladderTable(l: KitLadder): SafeHtml {
  return html`<table><colgroup><col style="width:25mm"><col style="width:34mm"><col><col style="width:40mm"><col style="width:30mm"></colgroup>
<thead><tr><th>Level</th><th>Contact</th><th>Channel</th><th>When to move on</th><th>Note</th></tr></thead><tbody>
${l.rows.map(
  (
    r,
  ) => html`<tr><td class="level">${r.letter} · ${r.level}</td><td>${r.who ? html`<strong>${r.who}</strong><br><span class="small">${r.whoLine}</span>` : '—'}</td>
<td${r.missing ? raw(' class="missing"') : ''}>${r.how}</td><td class="small">${r.moveOn}</td><td class="small">${r.note}</td></tr>`,
)}</tbody></table>`;
}

type SectionId = keyof typeof KIT_SECTIONS;
const SECTION_IDS = Object.keys(KIT_SECTIONS) as SectionId[];

function cover(model: KitModel): SafeHtml {
  return html`<section class="cover">
<p class="small"><strong>CONFIDENTIAL</strong> — contains personal contact details. Keep the printed copy locked away and destroy superseded versions.</p>
<h1>Contingency plan<br>${model.customer.name} (${model.customer.code})</h1>
<p>${model.customer.description}</p>
<table class="keep"><tbody>
<tr><th>Plan version</th><td><strong>${model.version}</strong></td></tr>
<tr><th>Owner</th><td>${model.owner}</td></tr>
<tr><th>Approver</th><td>${model.approver}</td></tr>
<tr><th>Published</th><td>${model.published} by ${model.publishedBy}</td></tr>
<tr><th>Review by</th><td>${model.reviewBy}${model.reviewOverdue ? html` <strong>— REVIEW OVERDUE</strong>` : ''}</td></tr>
<tr><th>SHA-256 of the plan</th><td class="mono">${model.sha256}</td></tr>
<tr><th>Printed from Muster</th><td>${model.generated}</td></tr>
<tr><th>Times in this binder</th><td>${model.timeZone}</td></tr>
</tbody></table>
<p class="small">Compare the version and SHA-256 with the list of published plans before relying on this copy.</p>
<h3>Contents</h3><ol>${SECTION_IDS.map((id) => html`<li><a href="#${id}">${KIT_SECTIONS[id]}</a></li>`)}</ol>
</section>`;
}

function major(id: SectionId, content: SafeHtml): SafeHtml {
  return html`<section class="major" style="break-before:page;page-break-before:always" aria-labelledby="${id}">${content}</section>`;
}

function howToSection(model: KitModel): SafeHtml {
  return major(
    'howTo',
    html`${sectionHead(model, 'howTo')}
<ol>${model.howTo.map((s) => html`<li class="keep"><p>${s}</p></li>`)}</ol>
<h3>Clocks at a glance</h3>
${model.clocks.length ? html`<table><thead><tr><th>Obligation</th><th>Due</th></tr></thead><tbody>${model.clocks.map((c) => html`<tr><td>${c.name}</td><td>${c.due}</td></tr>`)}</tbody></table>` : html`<p>No reporting obligation is switched on in this plan.</p>`}`,
  );
}

function contactsSection(model: KitModel): SafeHtml {
  return major(
    'contacts',
    html`${sectionHead(model, 'contacts')}
${model.contacts.map(
  (c) => html`<div class="keep"><h4>${c.name} <span class="small muted">(${c.kind})</span></h4>
<p class="small">${c.line}<br>Working hours: ${c.workingHours} · time zone ${c.timeZone}</p>
<table><thead><tr><th>Channel</th><th>Address or instruction</th><th>Label</th><th>Status</th></tr></thead><tbody>
${c.channelRows.length ? c.channelRows.map((r) => html`<tr><td>${r.type}</td><td>${r.address}</td><td>${r.label}</td><td class="small">${r.status}</td></tr>`) : html`<tr><td colspan="4" class="missing">No channels</td></tr>`}
</tbody></table>${c.notes ? html`<p class="small">${c.notes}</p>` : ''}</div>`,
)}`,
  );
}

function paceSection(model: KitModel): SafeHtml {
  return major(
    'pace',
    html`${sectionHead(model, 'pace')}
<p>Primary, Alternate, Contingency, Emergency: each level independent of the others. Start at Primary; move down when the rule says so.</p>
${model.ladders.map(
  (l) => html`<div class="keep"><h3>${l.title}</h3><p class="small muted">${l.scope}</p>${ladderTable(l)}
${l.warnings.length ? l.warnings.map((w) => html`<p class="warning"><strong>Warning:</strong> ${w}</p>`) : html`<p class="small">No warnings for this ladder.</p>`}</div>`,
)}${model.ladders.length ? '' : html`<p class="missing">This plan has no PACE ladders.</p>`}`,
  );
}

function obligationsSection(model: KitModel): SafeHtml {
  return major(
    'obligations',
    html`${sectionHead(model, 'obligations')}
${model.obligations.map(
  (o) => html`<div class="keep"><h3>${o.name}</h3>
<p class="small">${o.kind} · ${o.url ? html`<a href="${o.url}">${o.citation}</a> (${o.url})` : o.citation}</p>
<p>${o.appliesWhen}</p>
<p><strong>Recipient:</strong> ${o.recipient}. Use the “${o.ladder}” PACE ladder.</p>
${o.recipientContact ? html`<p class="small">${personCell(o.recipientContact)}</p>` : html`<p class="missing">No recipient contact chosen: use the ladder.</p>`}
<table><thead><tr><th>Stage</th><th>Due</th><th>Sent at, by, channel</th></tr></thead><tbody>
${o.stages.map((s) => html`<tr><td>${s.name}</td><td><strong>${s.due}</strong>${s.wording ? html`<br><span class="small">The rule says: “${s.wording}”</span>` : ''}</td><td></td></tr>`)}
</tbody></table>
<p><strong>The report must contain:</strong></p><ul>${o.requiredContent.map((c) => html`<li><span class="box"></span> ${c}</li>`)}</ul></div>`,
)}${model.obligations.length ? '' : html`<p>No reporting obligation is switched on in this plan.</p>`}
${model.switchedOff.length ? html`<p class="small">Switched off for ${model.customer.name}: ${model.switchedOff.join('; ')}.</p>` : ''}`,
  );
}

function rosterSection(model: KitModel): SafeHtml {
  return major(
    'roster',
    html`${sectionHead(model, 'roster')}
${
  model.roster
    ? html`<table><thead><tr><th>Role</th><th>Holder</th><th>Deputies, in order</th></tr></thead><tbody>
${model.roster.map((r) => html`<tr><td><strong>${r.role}</strong></td><td>${personCell(r.holder)}</td><td>${r.deputies.length ? r.deputies.map((d, i) => html`${i ? raw('<br><br>') : ''}${personCell(d)}`) : '—'}</td></tr>`)}
</tbody></table>`
    : html`<p class="missing">This plan has no CSIRT roster: the incident manager assigns roles at the start.</p>`
}`,
  );
}

function playbooksSection(model: KitModel): SafeHtml {
  return major(
    'playbooks',
    html`${sectionHead(model, 'playbooks')}
<p>Tick each step when done and write the time and your initials. Steps marked <span class="wait">${WAIT_LABEL}</span> are not started until the instruction is written down.</p>
${model.playbooks.map(
  (
    p,
    i,
  ) => html`<div${i ? raw(' style="break-before:page;page-break-before:always"') : ''}><h3>${p.name} <span class="small muted">(version ${p.version}, ${p.basedOn})</span></h3>
<p>${p.summary}</p>
<table><colgroup><col style="width:11mm"><col style="width:7mm"><col><col style="width:24mm"><col style="width:42mm"><col style="width:20mm"></colgroup>
<thead><tr><th>Done</th><th>#</th><th>Step</th><th>Role</th><th>Record</th><th>Time, initials</th></tr></thead><tbody>
${p.phases.map(
  (ph) => html`<tr><th colspan="6">${ph.phase}</th></tr>
${ph.steps.map(
  (
    s,
  ) => html`<tr><td><span class="box"></span></td><td>${s.number}</td><td><strong>${s.title}</strong><br><span class="small">${s.detail}</span>
${s.needsInstruction ? html`<br><span class="wait">${WAIT_LABEL}</span><br><span class="small">Instruction from <span class="fill"></span> at <span class="fill" style="min-width:15mm"></span></span>` : ''}</td>
<td>${s.role}</td><td class="small">${s.record.length ? html`<ul>${s.record.map((r) => html`<li>${r}</li>`)}</ul>` : '—'}</td><td></td></tr>`,
)}`,
)}</tbody></table></div>`,
)}${model.playbooks.length ? '' : html`<p class="missing">This plan has no playbooks.</p>`}`,
  );
}

function servicesSection(model: KitModel): SafeHtml {
  return major(
    'services',
    html`${sectionHead(model, 'services')}
<p>A service under attack may be a stepping stone. Give this list to the customer’s IT: check every connection of each affected service.</p>
${model.services.map(
  (s) => html`<div class="keep"><h3>${s.name}</h3><p class="small">${s.facts} · owner: ${s.owner}</p><p>${s.description}</p>
<table><thead><tr><th>Checked</th><th>Target</th><th>Direction</th><th>Protocol</th><th>Account or credential</th><th>Purpose</th></tr></thead><tbody>
${s.connections.length ? s.connections.map((c) => html`<tr><td><span class="box"></span></td><td><strong>${c.target}</strong></td><td>${c.direction}</td><td>${c.protocol}</td><td>${c.account}</td><td>${c.purpose}</td></tr>`) : html`<tr><td colspan="6" class="missing">No connections recorded</td></tr>`}
</tbody></table></div>`,
)}`,
  );
}

function logSection(model: KitModel): SafeHtml {
  const rows = Array.from({ length: 22 }, () => html`<tr style="height:9mm"><td></td><td></td><td></td><td></td></tr>`);
  return major(
    'log',
    html`${sectionHead(model, 'log')}
<p class="small">Times in ${model.timeZone}. One line per action, message or decision; decisions with their reason.</p>
<table><thead><tr><th style="width:22mm">Time</th><th style="width:24mm">Who</th><th>What happened, what was decided and why</th><th style="width:30mm">Channel, level</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** The whole plan as one self-contained HTML file (no external assets, no scripts) that prints cleanly on A4. */
export function renderPlanHtml(plan: PlanVersion, options: KitOptions): string {
  const model = buildKitModel(plan, options);
  const body = html`${cover(model)}
${howToSection(model)}${contactsSection(model)}${paceSection(model)}${obligationsSection(model)}
${rosterSection(model)}${playbooksSection(model)}${servicesSection(model)}${logSection(model)}
<footer class="end"><p class="mono">${model.stamp}</p><p>Printed ${model.generated}.</p></footer>`;
  return htmlDocument(model, 'Contingency plan', pageCss(model, 'contingency plan') + BASE_CSS, body);
}

const CARD_CSS = `
body{font-size:8pt;padding:0;max-width:182mm}
h1{font-size:13pt;margin:0 0 1mm}
h2{font-size:9.5pt;margin:2mm 0 0.6mm}
table{margin:0 0 0.6mm}
th,td{padding:0.5mm 1mm;font-size:7.5pt}
th{font-size:7pt}
.warning{font-size:6.5pt;padding:0.2mm 1.5mm;margin:0.2mm 0}
.rules{font-size:7.5pt;border:1pt solid #000;padding:1mm 2mm;margin:1mm 0}
.stamp{font-size:6.5pt;margin-bottom:1mm}
`;

/** All PACE ladders on one A4 page: who to reach and how at each level, with the plan version and SHA-256. */
export function renderPaceCardHtml(plan: PlanVersion, options: KitOptions): string {
  const model = buildKitModel(plan, options);
  const body = html`<h1>PACE card — ${model.customer.name} (${model.customer.code})</h1>
<p class="stamp mono">${model.stamp} · published ${model.published} · printed ${model.generated}</p>
<p class="rules">Start at <strong>P</strong>. Move down when the rule says so; skip a channel declared compromised and tell the next level why. Log every attempt: time (${model.timeZone}), level, channel, answer.</p>
${model.ladders.map(
  (l) => html`<h2>${l.title} <span class="muted small">— ${l.scope}</span></h2>
<table><colgroup><col style="width:23mm"><col style="width:32mm"><col><col style="width:40mm"></colgroup>
<thead><tr><th>Level</th><th>Who</th><th>How</th><th>Move on</th></tr></thead><tbody>
${l.rows.map((r) => html`<tr><td class="level">${r.letter} · ${r.level}</td><td>${r.who || '—'}</td><td${r.missing ? raw(' class="missing"') : ''}>${r.how}</td><td>${r.moveOnShort}</td></tr>`)}
</tbody></table>${l.warnings.map((w) => html`<p class="warning">Warning: ${w}</p>`)}`,
)}
${model.clocks.length ? html`<p class="rules"><strong>Clocks:</strong> ${model.clocks.map((c, i) => html`${i ? '; ' : ''}${c.name} — ${c.due}`)}.</p>` : ''}`;
  return htmlDocument(model, 'PACE card', pageCss(model, 'PACE card', '11mm 11mm 13mm 11mm') + BASE_CSS + CARD_CSS, body);
}

/** The same content as renderPlanHtml, as an A4 PDF with the plan version and SHA-256 on every page. */
export function renderPlanPdf(plan: PlanVersion, options: KitOptions): Promise<Buffer> {
  return runInChildProcess(new URL('./offline-kit-pdf.ts', import.meta.url), 'renderKitPdf', buildKitModel(plan, options));
}
