import { INCIDENT_ROLE_LABELS, INCIDENT_ROLES, ORIGIN_LABELS, type Origin } from '../../shared/incident-vocabulary.ts';
import {
  type ConnectionDirection,
  type Contact,
  type MoveOnRule,
  type ObligationCondition,
  type ObligationDefinition,
  type ObligationDuration,
  PACE_LEVELS,
  PACE_PURPOSE_LABELS,
  PACE_PURPOSES,
  type PlanVersion,
  type PlaybookStep,
} from '../../shared/prepare-types.ts';
import { AppError } from '../core/errors.ts';
import { CHANNEL_TYPE_LABELS, describeChannel, displayAddress, PACE_LEVEL_LABELS } from '../pace/pace-warnings.ts';
import {
  KIT_SECTIONS,
  type KitContact,
  type KitLadder,
  type KitLadderRow,
  type KitModel,
  type KitObligation,
  type KitPerson,
  type KitPlaybook,
  type KitService,
  renderKitPdf,
  WAIT_LABEL,
} from './offline-kit-pdf.ts';

/**
 * The offline kit: a published contingency plan as the binder on the shelf, for when Muster, e-mail and chat are
 * down. buildKitModel turns a plan into plain, already-worded text (clocks in words, times in one named zone,
 * webhook secrets removed); the HTML here and the PDF in offline-kit-pdf.ts only lay that text out, so both say
 * the same thing.
 */

export interface KitOptions {
  generatedAt: Date;
  /** IANA zone every time in the kit is shown in; default UTC. */
  timeZone?: string;
}

const PHASE_LABELS: Record<PlaybookStep['phase'], string> = {
  contain: 'Contain',
  investigate: 'Investigate',
  resolve: 'Resolve',
  recover: 'Recover',
  communicate: 'Communicate',
};

const DIRECTION_LABELS: Record<ConnectionDirection, string> = {
  outbound: 'Outbound (service calls it)',
  inbound: 'Inbound (it calls the service)',
  both: 'Both ways',
};

const CRITICALITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

// ---------------------------------------------------------------------------------------------------------------
// Words and times

/** Text safe inside HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new AppError('invalid', `Unknown time zone "${timeZone}": use an IANA name such as "Europe/Oslo".`, 'timeZone');
  }
}

/** "2026-03-02 14:30 Europe/Oslo (UTC+01:00)"; a date without a time ("2026-09-01") is shown as it is. */
export function formatTime(iso: string, timeZone: string, dateOnly = false): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  if (dateOnly) return day;
  const offset = String(parts.timeZoneName).replace('GMT', 'UTC');
  const zone = timeZone === 'UTC' ? 'UTC' : `${timeZone} (${offset === 'UTC' ? 'UTC+00:00' : offset})`;
  return `${day} ${parts.hour}:${parts.minute} ${zone}`;
}

const UNITS: [keyof ObligationDuration, string][] = [
  ['months', 'month'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
];

/** "72 hours", "1 month", "1 day and 2 hours"; an empty duration is "" (immediately). */
export function durationWords(duration: ObligationDuration): string {
  const parts = UNITS.filter(([key]) => (duration[key] ?? 0) > 0).map(([key, unit]) => {
    const n = duration[key] ?? 0;
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
  });
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function humanise(slug: string): string {
  return slug.replace(/[-_]+/g, ' ');
}

function clockWords(from: string, definition: ObligationDefinition): string {
  if (from === 'aware') return 'awareness';
  if (from === 'classified') return 'classification (decision point 2)';
  if (from.startsWith('determination:')) return `the “${humanise(from.slice('determination:'.length))}” determination`;
  if (from.startsWith('stage:')) {
    const id = from.slice('stage:'.length);
    return `the “${definition.stages.find((s) => s.id === id)?.name ?? humanise(id)}” stage is submitted`;
  }
  return humanise(from);
}

/** "72 hours after awareness"; several deadlines are joined with "whichever comes first". */
export function deadlineWords(stage: ObligationDefinition['stages'][number], definition: ObligationDefinition): string {
  const each = stage.deadlines.map((d) => {
    const after = durationWords(d.after);
    return after ? `${after} after ${clockWords(d.from, definition)}` : `immediately on ${clockWords(d.from, definition)}`;
  });
  if (each.length === 0) return stage.wording ?? 'no deadline set';
  return each.length === 1 ? each[0] : `${each.join(' or ')}, whichever comes first`;
}

const AT_LEAST = (value: string) => `${value} or higher`;

/** One condition of an obligation's trigger, in words. */
export function conditionWords(condition: ObligationCondition): string {
  switch (condition.field) {
    case 'personalData':
      return condition.equals ? 'personal data is involved' : 'no personal data is involved';
    case 'severity':
      return `the severity is ${AT_LEAST(condition.atLeast)}`;
    case 'category':
      return `the category is ${condition.in.join(' or ')}`;
    case 'origin':
      return `the origin is ${condition.in.map((o: Origin) => ORIGIN_LABELS[o].toLowerCase()).join(' or ')}`;
    case 'serviceCriticality':
      return `an affected service’s criticality is ${AT_LEAST(condition.atLeast)}`;
    case 'determination':
      return `the “${humanise(condition.made)}” determination has been made`;
  }
}

/** The same rule, short enough for the PACE card: "no ack in 15 min, delivery fails, compromised". */
export function moveOnShort(rule: MoveOnRule, last: boolean): string {
  if (last) return 'Last level';
  const when = [
    rule.noAckMinutes !== null ? `no ack in ${rule.noAckMinutes} min` : '',
    rule.onDeliveryFailure ? 'delivery fails' : '',
    rule.onChannelCompromised ? 'compromised' : '',
  ].filter(Boolean);
  return when.length ? when.join(', ') : 'IM decides';
}

/** When to leave a PACE level, in words. */
export function moveOnWords(rule: MoveOnRule, last: boolean): string {
  if (last) return 'Last level: keep trying and tell the incident manager.';
  const when = [
    rule.noAckMinutes !== null ? `no acknowledgement within ${rule.noAckMinutes} minutes` : '',
    rule.onDeliveryFailure ? 'delivery fails' : '',
    rule.onChannelCompromised ? 'the channel is declared compromised' : '',
  ].filter(Boolean);
  if (when.length === 0) return 'Only when the incident manager decides.';
  const list = when.length === 1 ? when[0] : `${when.slice(0, -1).join(', ')} or ${when.at(-1)}`;
  return `Move on if ${list}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// The model

/** Everything the kit prints, worded and in one time zone; unknown references are named, never dropped. */
export function buildKitModel(plan: PlanVersion, options: KitOptions): KitModel {
  const timeZone = options.timeZone ?? 'UTC';
  checkTimeZone(timeZone);
  const { snapshot } = plan;
  const contactsById = new Map(snapshot.contacts.map((c) => [c.id, c]));
  const personLine = (c: Contact) => [c.role, c.organisation].filter((s) => s.trim()).join(', ');
  const person = (id: string): KitPerson => {
    const c = contactsById.get(id);
    if (!c) return { name: `Unknown contact (${id})`, line: 'Not in this plan: find another way to reach them.', channels: [] };
    return { name: c.name, line: personLine(c), channels: c.channels.map(describeChannel) };
  };

  const contacts = snapshot.contacts.map(
    (c): KitContact => ({
      name: c.name,
      line: personLine(c),
      kind: c.kind === 'person' ? 'Person' : 'Function',
      workingHours: c.workingHours.trim() || 'Around the clock',
      timeZone: c.timeZone,
      notes: c.notes,
      channels: c.channels.map(describeChannel),
      channelRows: c.channels.map((ch) => ({
        type: CHANNEL_TYPE_LABELS[ch.type],
        address: displayAddress(ch),
        label: ch.label,
        status: [
          ch.verified ? 'verified' : 'not verified',
          ch.lastTestedAt ? `tested ${formatTime(ch.lastTestedAt, timeZone, true)}` : 'never tested',
        ].join(', '),
      })),
    }),
  );

  const ladders = [...snapshot.pacePlans]
    .sort((a, b) => PACE_PURPOSES.indexOf(a.purpose) - PACE_PURPOSES.indexOf(b.purpose))
    .map((p): KitLadder => {
      const rows = PACE_LEVELS.map((name, index): KitLadderRow => {
        const base = { letter: name[0].toUpperCase(), level: PACE_LEVEL_LABELS[name] };
        const level = p.levels.find((l) => l.level === name);
        if (!level) {
          return {
            ...base,
            who: '',
            whoLine: '',
            how: 'No level here: go on to the next one.',
            moveOn: '',
            moveOnShort: '',
            note: '',
            missing: true,
          };
        }
        const contact = level.contactId ? contactsById.get(level.contactId) : undefined;
        const channel = contact?.channels.find((c) => c.id === level.channelId);
        const who = level.contactId ? (contact?.name ?? `Unknown contact (${level.contactId})`) : '';
        const how = [
          channel ? describeChannel(channel) : level.channelId ? `Unknown channel (${level.channelId})` : '',
          level.instruction.trim(),
        ].filter(Boolean);
        return {
          ...base,
          who,
          whoLine: contact ? personLine(contact) : '',
          how: how.join(' — ') || 'Nothing set',
          moveOn: moveOnWords(level.moveOn, index === PACE_LEVELS.length - 1),
          moveOnShort: moveOnShort(level.moveOn, index === PACE_LEVELS.length - 1),
          note: level.note,
          missing: how.length === 0,
        };
      });
      return {
        title: PACE_PURPOSE_LABELS[p.purpose],
        scope: p.customerId ? `${snapshot.customer.name}’s ladder` : 'Default ladder (shared by all customers)',
        rows,
        warnings: p.warnings.map((w) => w.message),
      };
    });

  const enabled = snapshot.obligations.filter((o) => o.enabled);
  const obligations = enabled.map((o): KitObligation => {
    const d = o.definition;
    const url = d.source.url && /^https?:\/\//i.test(d.source.url) ? d.source.url : null;
    return {
      name: d.name,
      kind: o.libraryId ? 'From the library' : `${snapshot.customer.name}’s own rule`,
      citation: d.source.citation,
      url,
      appliesWhen: d.trigger.length
        ? `Applies when ${d.trigger.map(conditionWords).join(' and ')}.`
        : 'Applies to every incident.',
      recipient: d.recipient,
      recipientContact: o.recipientContactId ? person(o.recipientContactId) : null,
      ladder: PACE_PURPOSE_LABELS[d.pacePurpose],
      stages: d.stages.map((s) => ({ name: s.name, due: deadlineWords(s, d), wording: s.wording ?? '' })),
      requiredContent: d.requiredContent,
    };
  });

  const roster = snapshot.roster
    ? INCIDENT_ROLES.map((role) => {
        const ids = snapshot.roster?.entries.find((e) => e.role === role)?.people ?? [];
        return {
          role: INCIDENT_ROLE_LABELS[role],
          holder: ids.length ? person(ids[0]) : null,
          deputies: ids.slice(1).map(person),
        };
      })
    : null;

  const playbooks = snapshot.playbooks.map((p): KitPlaybook => {
    const phases: KitPlaybook['phases'] = [];
    p.steps.forEach((s, index) => {
      const phase = PHASE_LABELS[s.phase] ?? s.phase;
      if (phases.at(-1)?.phase !== phase) phases.push({ phase, steps: [] });
      phases.at(-1)?.steps.push({
        number: index + 1,
        title: s.title,
        detail: s.detail,
        role: INCIDENT_ROLE_LABELS[s.role] ?? s.role,
        needsInstruction: s.needsCustomerInstruction,
        record: s.record,
      });
    });
    return {
      name: p.name,
      version: p.version,
      basedOn: p.basedOn ? `based on the library playbook “${p.basedOn}”` : 'written for this plan',
      summary: p.summary,
      categories: p.categories,
      phases,
    };
  });

  const services = [...snapshot.services]
    .sort((a, b) => CRITICALITY_ORDER[a.criticality] - CRITICALITY_ORDER[b.criticality])
    .map(
      (s): KitService => ({
        name: s.name,
        description: s.description,
        facts: `Criticality ${s.criticality} · ${s.environment} · ${s.personalData ? 'holds personal data' : 'no personal data'}`,
        owner: s.owner,
        connections: s.connections.map((c) => ({
          target: c.target,
          direction: DIRECTION_LABELS[c.direction] ?? c.direction,
          protocol: c.protocol,
          account: c.account,
          purpose: c.purpose,
        })),
      }),
    );

  const model: Omit<KitModel, 'howTo'> = {
    customer: { name: snapshot.customer.name, code: snapshot.customer.code, description: snapshot.customer.description },
    version: plan.version,
    owner: plan.owner,
    approver: plan.approver,
    published: formatTime(plan.publishedAt, timeZone),
    publishedBy: plan.publishedBy,
    reviewBy: formatTime(plan.reviewBy, timeZone, true),
    reviewOverdue: plan.reviewOverdue,
    sha256: plan.sha256,
    generated: formatTime(options.generatedAt.toISOString(), timeZone),
    timeZone,
    stamp: `${snapshot.customer.code} · plan v${plan.version} · SHA-256 ${plan.sha256}`,
    contacts,
    ladders,
    clocks: obligations.map((o) => ({ name: o.name, due: o.stages.map((s) => `${s.name}: ${s.due}`).join('; ') })),
    obligations,
    switchedOff: snapshot.obligations.filter((o) => !o.enabled).map((o) => o.definition.name),
    roster,
    playbooks,
    services,
  };
  return { ...model, howTo: howToUse(model) };
}

/** What to do with the binder when nothing else works; the same steps in the HTML and the PDF. */
function howToUse(model: Omit<KitModel, 'howTo'>): string[] {
  return [
    `Check the version. This is plan version ${model.version} (published ${model.published}). If a newer version exists, use it; if the review date (${model.reviewBy}) has passed, use this one anyway and say so in the log.`,
    `Start a paper log now (the sheet at the back). Write every time in ${model.timeZone}, who did what, on which channel, and every decision with its reason. It will be entered into Muster later, exactly as written.`,
    'Write down the moment we became aware of the incident: the reporting clocks below start then, not when systems come back.',
    'Reach people with the PACE ladders: start at Primary and move down when the ladder says so. Skip any channel that runs on affected or compromised systems, and tell the next level why.',
    `Report an attack to the customer immediately. Secure information and evidence, inform the contact point, and wait for the customer’s instruction before acting on their systems: steps marked ${WAIT_LABEL} stay undone until it is written down.`,
    'Work through the playbook for the threat: tick each step, write the time and your initials, and record what the step asks for.',
    'Give the customer’s IT the services and connections list: every connection of an affected service may have been used to move on to other systems.',
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

const SAFE: unique symbol = Symbol('safe-html');
interface SafeHtml {
  [SAFE]: string;
}

function raw(text: string): SafeHtml {
  return { [SAFE]: text };
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && SAFE in value;
}

function part(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(part).join('');
  if (isSafe(value)) return value[SAFE];
  return escapeHtml(String(value));
}

/** Template tag: every interpolated value is escaped unless it is itself the output of html``. */
function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return raw(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}

/** A CSS string literal: anything but plain ASCII is written as a hex escape, so text cannot end the string or the style. */
function cssString(text: string): string {
  // The space after six hex digits ends the escape and is consumed by the CSS parser, so it is always written.
  return `"${[...text].map((ch) => (/[A-Za-z0-9 .,:;_+()-]/.test(ch) ? ch : `\\${ch.codePointAt(0)?.toString(16).padStart(6, '0')} `)).join('')}"`;
}

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
  return `<!doctype html>\n${
    html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="muster-plan-version" content="${model.version}"><meta name="muster-plan-sha256" content="${model.sha256}">
<title>${title} — ${model.customer.name} (${model.customer.code}) v${model.version}</title>
<style>${raw(css)}</style></head>
<body>${body}</body></html>`[SAFE]
  }\n`;
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
  return renderKitPdf(buildKitModel(plan, options));
}
