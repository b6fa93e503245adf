import type { Content, ContentCanvas, Margins, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { GRID, pdfMake } from '../core/print/pdf-make.ts';
import { KIT_SECTIONS, type KitModel, type KitPerson, WAIT_LABEL } from './offline-kit-model.ts';

/**
 * The offline kit as a PDF. The content arrives as a KitModel, already worded by buildKitModel in
 * offline-kit-model.ts, so the PDF and the HTML binder say the same thing.
 */

/** A square to tick on paper (Roboto has no ballot box glyph). Fresh each time: pdfmake annotates the nodes it lays out. */
function box(): ContentCanvas {
  return { canvas: [{ type: 'rect', x: 0, y: 1, w: 8, h: 8, lineWidth: 0.8 }] };
}

/** The wait-for-instruction mark, boxed so it cannot be missed on paper. */
function waitMark(): Content {
  return {
    table: { body: [[{ text: WAIT_LABEL, bold: true, fontSize: 8 }]] },
    layout: { hLineWidth: () => 1.5, vLineWidth: () => 1.5, paddingTop: () => 1, paddingBottom: () => 1 },
    margin: [0, 3, 0, 1],
  };
}

function table(widths: (number | string)[], header: string[], rows: TableCell[][], heights?: number): Content {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [header.map((h) => ({ text: h, style: 'th' })), ...rows],
      ...(heights ? { heights: (row: number) => (row === 0 ? 'auto' : heights) } : {}),
    },
    layout: GRID,
    margin: [0, 2, 0, 8],
  };
}

function person(p: KitPerson | null, margin: Margins = [0, 0, 0, 0]): Content {
  if (!p) return { text: 'Not assigned', italics: true, margin };
  return {
    stack: [
      { text: p.name, bold: true },
      { text: p.line, style: 'small' },
      ...p.channels.map((c) => ({ text: c, style: 'small' })),
    ],
    margin,
  };
}

function section(model: KitModel, number: number, title: string, first = false): Content[] {
  return [
    { text: `${number}. ${title}`, style: 'h2', tocItem: true, ...(first ? {} : { pageBreak: 'before' as const }) },
    { text: model.stamp, style: 'stamp' },
  ];
}

function cover(model: KitModel): Content[] {
  const fact = (label: string, value: Content): TableCell[] => [{ text: label, style: 'th' }, value];
  return [
    {
      text: [
        { text: 'CONFIDENTIAL', bold: true },
        ' — contains personal contact details. Keep the printed copy locked away and destroy superseded versions.',
      ],
      style: 'small',
    },
    { text: ['Contingency plan\n', `${model.customer.name} (${model.customer.code})`], style: 'title' },
    { text: model.customer.description, margin: [0, 0, 0, 8] },
    {
      table: {
        widths: [110, '*'],
        body: [
          fact('Plan version', { text: String(model.version), bold: true }),
          fact('Owner', model.owner),
          fact('Approver', model.approver),
          fact('Published', `${model.published} by ${model.publishedBy}`),
          fact('Review by', model.reviewOverdue ? [model.reviewBy, { text: ' — REVIEW OVERDUE', bold: true }] : model.reviewBy),
          fact('SHA-256 of the plan', { text: model.sha256, fontSize: 8 }),
          fact('Printed from Muster', model.generated),
          fact('Times in this binder', model.timeZone),
        ].map((row) => row.map((cell) => (Array.isArray(cell) ? { text: cell } : cell))),
      },
      layout: GRID,
      margin: [0, 0, 0, 6],
    },
    { text: 'Compare the version and SHA-256 with the list of published plans before relying on this copy.', style: 'small' },
    { toc: { title: { text: 'Contents', style: 'h3' } }, margin: [0, 10, 0, 0] },
  ];
}

function howTo(model: KitModel): Content[] {
  return [
    ...section(model, 1, KIT_SECTIONS.howTo),
    { ol: model.howTo.map((s) => ({ text: s, margin: [0, 0, 0, 4] })) },
    { text: 'Clocks at a glance', style: 'h3' },
    model.clocks.length
      ? table(
          [180, '*'],
          ['Obligation', 'Due'],
          model.clocks.map((c) => [c.name, c.due]),
        )
      : { text: 'No reporting obligation is switched on in this plan.' },
  ];
}

function contacts(model: KitModel): Content[] {
  return [
    ...section(model, 2, KIT_SECTIONS.contacts),
    ...model.contacts.map(
      (c): Content => ({
        unbreakable: true,
        stack: [
          { text: [c.name, { text: ` (${c.kind})`, style: 'muted' }], style: 'h4' },
          { text: `${c.line}\nWorking hours: ${c.workingHours} · time zone ${c.timeZone}`, style: 'small' },
          table(
            [70, '*', 70, 110],
            ['Channel', 'Address or instruction', 'Label', 'Status'],
            c.channelRows.length
              ? c.channelRows.map((r) => [r.type, r.address, r.label, { text: r.status, style: 'small' }])
              : [[{ text: 'No channels', italics: true, colSpan: 4 }, {}, {}, {}]],
          ),
          ...(c.notes ? [{ text: c.notes, style: 'small', margin: [0, -4, 0, 6] } as Content] : []),
        ],
      }),
    ),
  ];
}

function pace(model: KitModel): Content[] {
  return [
    ...section(model, 3, KIT_SECTIONS.pace),
    {
      text: 'Primary, Alternate, Contingency, Emergency: each level independent of the others. Start at Primary; move down when the rule says so.',
    },
    ...model.ladders.map(
      (l): Content => ({
        unbreakable: true,
        stack: [
          { text: l.title, style: 'h3' },
          { text: l.scope, style: ['small', 'muted'] },
          table(
            [70, 95, '*', 100, 67],
            ['Level', 'Contact', 'Channel', 'When to move on', 'Note'],
            l.rows.map((r) => [
              { text: `${r.letter} · ${r.level}`, bold: true },
              r.who
                ? {
                    stack: [
                      { text: r.who, bold: true },
                      { text: r.whoLine, style: 'small' },
                    ],
                  }
                : '—',
              { text: r.how, italics: r.missing },
              { text: r.moveOn, style: 'small' },
              { text: r.note, style: 'small' },
            ]),
          ),
          ...(l.warnings.length
            ? l.warnings.map((w): Content => ({ text: [{ text: 'Warning: ', bold: true }, w], style: 'warning' }))
            : [{ text: 'No warnings for this ladder.', style: 'small' } as Content]),
        ],
      }),
    ),
  ];
}

function obligations(model: KitModel): Content[] {
  return [
    ...section(model, 4, KIT_SECTIONS.obligations),
    ...model.obligations.map(
      (o): Content => ({
        unbreakable: true,
        stack: [
          { text: o.name, style: 'h3' },
          {
            text: [`${o.kind} · `, o.url ? { text: `${o.citation} (${o.url})`, link: o.url, color: '#0b3d91' } : o.citation],
            style: 'small',
          },
          { text: o.appliesWhen, margin: [0, 2, 0, 2] },
          { text: [{ text: 'Recipient: ', bold: true }, `${o.recipient}. Use the “${o.ladder}” PACE ladder.`] },
          o.recipientContact
            ? person(o.recipientContact, [0, 2, 0, 2])
            : { text: 'No recipient contact chosen: use the ladder.', italics: true },
          table(
            [110, '*', 130],
            ['Stage', 'Due', 'Sent at, by, channel'],
            o.stages.map((s) => [
              s.name,
              {
                stack: [
                  { text: s.due, bold: true },
                  ...(s.wording ? [{ text: `The rule says: “${s.wording}”`, style: 'small' }] : []),
                ],
              },
              '',
            ]),
          ),
          { text: 'The report must contain:', bold: true },
          ...o.requiredContent.map(
            (c): Content => ({
              columns: [
                { width: 14, ...box() },
                { width: '*', text: c },
              ],
              margin: [0, 1, 0, 1],
            }),
          ),
        ],
        margin: [0, 0, 0, 8],
      }),
    ),
    ...(model.obligations.length ? [] : [{ text: 'No reporting obligation is switched on in this plan.' } as Content]),
    ...(model.switchedOff.length
      ? [{ text: `Switched off for ${model.customer.name}: ${model.switchedOff.join('; ')}.`, style: 'small' } as Content]
      : []),
  ];
}

function roster(model: KitModel): Content[] {
  return [
    ...section(model, 5, KIT_SECTIONS.roster),
    model.roster
      ? table(
          [100, '*', '*'],
          ['Role', 'Holder', 'Deputies, in order'],
          model.roster.map((r): TableCell[] => [
            { text: r.role, bold: true },
            person(r.holder),
            r.deputies.length ? { stack: r.deputies.map((d) => person(d, [0, 0, 0, 4])) } : '—',
          ]),
        )
      : { text: 'This plan has no CSIRT roster: the incident manager assigns roles at the start.', italics: true },
  ];
}

function playbooks(model: KitModel): Content[] {
  return [
    ...section(model, 6, KIT_SECTIONS.playbooks),
    {
      text: [
        'Tick each step when done and write the time and your initials. Steps marked ',
        { text: WAIT_LABEL, bold: true },
        ' are not started until the instruction is written down.',
      ],
    },
    ...model.playbooks.flatMap((p, i): Content[] => [
      {
        text: [p.name, { text: ` (version ${p.version}, ${p.basedOn})`, style: ['small', 'muted'] }],
        style: 'h3',
        ...(i ? { pageBreak: 'before' as const } : {}),
      },
      { text: p.summary, margin: [0, 0, 0, 4] },
      table(
        [22, 14, '*', 62, 115, 48],
        ['Done', '#', 'Step', 'Role', 'Record', 'Time, initials'],
        p.phases.flatMap((ph): TableCell[][] => [
          [{ text: ph.phase, style: 'th', colSpan: 6 }, {}, {}, {}, {}, {}],
          ...ph.steps.map((s): TableCell[] => [
            box(),
            String(s.number),
            {
              stack: [
                { text: s.title, bold: true },
                { text: s.detail, style: 'small' },
                ...(s.needsInstruction
                  ? [waitMark(), { text: 'Instruction from ____________________ at ________', style: 'small' } as Content]
                  : []),
              ],
            },
            s.role,
            s.record.length ? { ul: s.record, style: 'small' } : '—',
            '',
          ]),
        ]),
      ),
    ]),
  ];
}

function services(model: KitModel): Content[] {
  return [
    ...section(model, 7, KIT_SECTIONS.services),
    {
      text: 'A service under attack may be a stepping stone. Give this list to the customer’s IT: check every connection of each affected service.',
    },
    ...model.services.map(
      (s): Content => ({
        unbreakable: true,
        stack: [
          { text: s.name, style: 'h3' },
          { text: `${s.facts} · owner: ${s.owner}`, style: 'small' },
          { text: s.description, margin: [0, 0, 0, 2] },
          table(
            [34, '*', 56, 70, 100, 88],
            ['Checked', 'Target', 'Direction', 'Protocol', 'Account or credential', 'Purpose'],
            s.connections.length
              ? s.connections.map((c) => [box(), { text: c.target, bold: true }, c.direction, c.protocol, c.account, c.purpose])
              : [[{ text: 'No connections recorded', italics: true, colSpan: 6 }, {}, {}, {}, {}, {}]],
          ),
        ],
      }),
    ),
  ];
}

function log(model: KitModel): Content[] {
  return [
    ...section(model, 8, KIT_SECTIONS.log),
    {
      text: `Times in ${model.timeZone}. One line per action, message or decision; decisions with their reason.`,
      style: 'small',
    },
    table(
      [60, 70, '*', 90],
      ['Time', 'Who', 'What happened, what was decided and why', 'Channel, level'],
      Array.from({ length: 22 }, () => ['', '', '', '']),
      24,
    ),
  ];
}

/** The kit as a PDF: A4, cover with a contents list, every section on a new page, version and SHA-256 on every page. */
export async function renderKitPdf(model: KitModel, options: { compress?: boolean } = {}): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    compress: options.compress ?? true,
    info: {
      title: `Contingency plan — ${model.customer.name} v${model.version}`,
      subject: model.stamp,
      creator: 'Muster',
      producer: 'Muster',
    },
    header: (page) =>
      page === 1
        ? null
        : {
            columns: [
              `${model.customer.name} · contingency plan v${model.version}`,
              { text: 'Confidential', alignment: 'right' },
            ],
            fontSize: 7,
            color: '#444444',
            margin: [40, 22, 40, 0],
          },
    footer: (page, pages) => ({
      text: `${model.stamp} · page ${page} of ${pages}`,
      fontSize: 6.5,
      color: '#333333',
      alignment: 'center',
      margin: [40, 18, 40, 0],
    }),
    content: [
      ...cover(model),
      ...howTo(model),
      ...contacts(model),
      ...pace(model),
      ...obligations(model),
      ...roster(model),
      ...playbooks(model),
      ...services(model),
      ...log(model),
    ],
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 8, 0, 8] },
      h2: { fontSize: 15, bold: true, margin: [0, 0, 0, 2] },
      h3: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 3] },
      h4: { fontSize: 10, bold: true, margin: [0, 8, 0, 1] },
      th: { bold: true, fontSize: 8, fillColor: '#e8e8e8' },
      small: { fontSize: 7.5 },
      muted: { color: '#555555' },
      stamp: { fontSize: 6.5, color: '#333333', margin: [0, 0, 0, 8] },
      warning: { fontSize: 8, margin: [6, 1, 0, 2] },
    },
  };
  return pdfMake().createPdf(definition).getBuffer();
}
