import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchBrowser } from '../../../e2e/browser.ts';
import type { PlanVersion } from '../../shared/prepare-types.ts';
import { escapeHtml } from '../core/http/html.ts';
import { GDPR_ART_33, NIS2_ART_23 } from '../obligations/obligation-library.ts';
import { describeChannel } from '../pace/pace-warnings.ts';
import { renderPaceCardHtml, renderPlanHtml, renderPlanPdf } from './offline-kit.ts';
import { buildKitModel } from './offline-kit-model.ts';
import { renderKitPdf } from './offline-kit-pdf.ts';
import { conditionWords, deadlineWords, durationWords, formatTime, moveOnWords } from './offline-kit-words.ts';
import { planFixture } from './plan-fixture.ts';

const GENERATED = new Date('2026-03-10T08:00:00.000Z');
const OSLO = { generatedAt: GENERATED, timeZone: 'Europe/Oslo' };

/** Every level of every ladder as the kit must show it: who, and the channel or the manual instruction. */
function ladderEntries(plan: PlanVersion): { who: string | null; how: string }[] {
  const contacts = new Map(plan.snapshot.contacts.map((c) => [c.id, c]));
  return plan.snapshot.pacePlans.flatMap((p) =>
    p.levels.map((l) => {
      const contact = l.contactId ? contacts.get(l.contactId) : undefined;
      const channel = contact?.channels.find((c) => c.id === l.channelId);
      return { who: contact?.name ?? null, how: channel ? describeChannel(channel) : l.instruction };
    }),
  );
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('words for the offline kit', () => {
  describe('durationWords (table)', () => {
    const table: [object, string][] = [
      [{ hours: 72 }, '72 hours'],
      [{ hours: 1 }, '1 hour'],
      [{ months: 1 }, '1 month'],
      [{ days: 1, hours: 2 }, '1 day and 2 hours'],
      [{ days: 2, hours: 3, minutes: 30 }, '2 days, 3 hours and 30 minutes'],
      [{}, ''],
      [{ hours: 0 }, ''],
    ];
    for (const [duration, expected] of table) {
      it(`${JSON.stringify(duration)} is "${expected}"`, () => assert.equal(durationWords(duration), expected));
    }
  });

  describe('deadlineWords (table)', () => {
    const stage = (deadlines: { from: string; after: object }[]) => ({ id: 's', name: 'S', deadlines });
    const nis2 = NIS2_ART_23;
    const table: [string, ReturnType<typeof stage>, string][] = [
      ['a clock from awareness', stage([{ from: 'aware', after: { hours: 72 } }]), '72 hours after awareness'],
      ['a clock that starts at once', stage([{ from: 'aware', after: {} }]), 'immediately on awareness'],
      [
        'a clock from classification',
        stage([{ from: 'classified', after: { hours: 4 } }]),
        '4 hours after classification (decision point 2)',
      ],
      [
        'a clock from a determination',
        stage([{ from: 'determination:major', after: { hours: 4 } }]),
        '4 hours after the “major” determination',
      ],
      [
        'a clock from an earlier stage, by its name',
        stage([{ from: 'stage:notification', after: { months: 1 } }]),
        '1 month after the “Incident notification” stage is submitted',
      ],
      [
        'several clocks',
        stage([
          { from: 'classified', after: { hours: 4 } },
          { from: 'aware', after: { hours: 24 } },
        ]),
        '4 hours after classification (decision point 2) or 24 hours after awareness, whichever comes first',
      ],
    ];
    for (const [label, s, expected] of table) {
      it(label, () => assert.equal(deadlineWords(s, nis2), expected));
    }
  });

  describe('conditionWords (table)', () => {
    const table: [Parameters<typeof conditionWords>[0], string][] = [
      [{ field: 'personalData', equals: true }, 'personal data is involved'],
      [{ field: 'severity', atLeast: 'high' }, 'the severity is high or higher'],
      [{ field: 'origin', in: ['attack', 'unintentional-error'] }, 'the origin is attack or unintentional error'],
      [{ field: 'serviceCriticality', atLeast: 'critical' }, 'an affected service’s criticality is critical or higher'],
      [
        { field: 'determination', made: 'high-risk-to-data-subjects' },
        'the “high risk to data subjects” determination has been made',
      ],
      [{ field: 'category', in: ['malicious-code'] }, 'the category is malicious-code'],
    ];
    for (const [condition, expected] of table) {
      it(expected, () => assert.equal(conditionWords(condition), expected));
    }
  });

  describe('moveOnWords (table)', () => {
    const table: [string, Parameters<typeof moveOnWords>, string][] = [
      [
        'every trigger',
        [{ noAckMinutes: 15, onDeliveryFailure: true, onChannelCompromised: true }, false],
        'Move on if no acknowledgement within 15 minutes, delivery fails or the channel is declared compromised.',
      ],
      [
        'only on failure',
        [{ noAckMinutes: null, onDeliveryFailure: true, onChannelCompromised: false }, false],
        'Move on if delivery fails.',
      ],
      [
        'no trigger',
        [{ noAckMinutes: null, onDeliveryFailure: false, onChannelCompromised: false }, false],
        'Only when the incident manager decides.',
      ],
      [
        'the last level',
        [{ noAckMinutes: 5, onDeliveryFailure: true, onChannelCompromised: true }, true],
        'Last level: keep trying and tell the incident manager.',
      ],
    ];
    for (const [label, args, expected] of table) {
      it(label, () => assert.equal(moveOnWords(...args), expected));
    }
  });

  describe('formatTime (table)', () => {
    const table: [string, string, string][] = [
      ['2026-03-02T13:30:00.000Z', 'UTC', '2026-03-02 13:30 UTC'],
      ['2026-03-02T13:30:00.000Z', 'Europe/Oslo', '2026-03-02 14:30 Europe/Oslo (UTC+01:00)'],
      ['2026-07-02T13:30:00.000Z', 'Europe/Oslo', '2026-07-02 15:30 Europe/Oslo (UTC+02:00)'],
      ['2026-03-02T23:30:00.000Z', 'Asia/Kolkata', '2026-03-03 05:00 Asia/Kolkata (UTC+05:30)'],
      ['2026-09-01', 'Europe/Oslo', '2026-09-01'],
    ];
    for (const [iso, zone, expected] of table) {
      it(`${iso} in ${zone}`, () => assert.equal(formatTime(iso, zone), expected));
    }
  });
});

describe('renderPlanHtml', () => {
  const plan = planFixture();
  const html = renderPlanHtml(plan, OSLO);

  it('is one self-contained document: no scripts, no linked or imported assets', () => {
    assert.match(html, /^<!doctype html>\n<html lang="en">/);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|<object|<embed|@import|url\(|\bsrc\s*=/i);
    // URLs may be shown as text and linked from <a href>, never loaded from any other attribute.
    const attributes = [...html.matchAll(/<(\w+)[^>]*\s([\w-]+)\s*=\s*["']?\s*https?:/gi)].map((m) => `${m[1]} ${m[2]}`);
    assert.ok(attributes.length > 0);
    assert.deepEqual(new Set(attributes), new Set(['a href']));
  });

  it('prints on A4 with each major section on a new page and rows kept whole', () => {
    assert.match(html, /@page\{size:A4;margin:/);
    assert.equal(count(html, 'break-before:page;page-break-before:always" aria-labelledby'), 8);
    assert.match(html, /tr,\.keep\{break-inside:avoid/);
  });

  it('shows the customer, version, owner, approver, dates and SHA-256 on the cover', () => {
    const cover = html.slice(html.indexOf('<section class="cover">'), html.indexOf('</section>'));
    for (const text of [
      'Havbris Energi AS (HAVB)',
      '<strong>3</strong>',
      'Jonas Berg, incident manager (Kystlys Digital)',
      'Ingrid Solberg, Head of IT (Havbris Energi)',
      '2026-03-02 14:30 Europe/Oslo (UTC+01:00) by jonas.berg@kystlys.example',
      '2026-09-01',
      plan.sha256,
      'Printed from Muster</th><td>2026-03-10 09:00 Europe/Oslo (UTC+01:00)',
    ]) {
      assert.ok(cover.includes(text), `cover lacks ${text}`);
    }
  });

  it('stamps the version and SHA-256 on every section, the page footer and the end', () => {
    const stamp = `HAVB · plan v3 · SHA-256 ${plan.sha256}`;
    assert.equal(count(html, `<p class="stamp mono">${stamp}</p>`), 8);
    assert.ok(html.includes(`<footer class="end"><p class="mono">${stamp}</p>`));
    // "·" is written as a CSS escape; the space after the six hex digits belongs to the escape.
    assert.ok(
      html.includes(
        `@bottom-center{content:"HAVB \\0000b7  plan v3 \\0000b7  SHA-256 ${plan.sha256} \\0000b7  page " counter(page)`,
      ),
    );
  });

  it('shows every contact with all channels, working hours and time zone', () => {
    for (const contact of plan.snapshot.contacts) {
      assert.ok(html.includes(`<h4>${escapeHtml(contact.name)} `), contact.name);
      for (const channel of contact.channels) assert.ok(html.includes(escapeHtml(channel.label)), channel.id);
    }
    assert.ok(html.includes('Working hours: Mon–Fri 08:00–16:00 · time zone Europe/Oslo'));
    assert.ok(html.includes('Working hours: Around the clock · time zone Europe/Oslo'));
    assert.ok(html.includes('not verified, never tested'));
  });

  it('shows each ladder level with its contact and channel, and each ladder’s warnings', () => {
    const pace = html.slice(html.indexOf('id="pace"'), html.indexOf('id="obligations"'));
    for (const entry of ladderEntries(plan)) {
      if (entry.who) assert.ok(pace.includes(`<strong>${escapeHtml(entry.who)}</strong>`), entry.who);
      assert.ok(pace.includes(escapeHtml(entry.how)), entry.how);
    }
    assert.ok(pace.includes('No level here: go on to the next one.'));
    assert.ok(
      pace.includes('Move on if no acknowledgement within 15 minutes, delivery fails or the channel is declared compromised.'),
    );
    const warnings = plan.snapshot.pacePlans.flatMap((p) => p.warnings);
    assert.equal(warnings.length, 6);
    for (const w of warnings) assert.ok(pace.includes(`<strong>Warning:</strong> ${escapeHtml(w.message)}`), w.message);
  });

  it('writes out each obligation’s clocks, citation, recipient and required content', () => {
    const section = html.slice(html.indexOf('id="obligations"'), html.indexOf('id="roster"'));
    assert.ok(section.includes(`<a href="${GDPR_ART_33.source.url}">${GDPR_ART_33.source.citation}</a>`));
    assert.ok(section.includes('<strong>72 hours after awareness</strong>'));
    assert.ok(
      section.includes('The rule says: “without undue delay and, where feasible, not later than 72 hours after becoming aware”'),
    );
    assert.ok(section.includes('<strong>4 hours after awareness</strong>'));
    assert.ok(section.includes('<strong>immediately on awareness</strong>'));
    assert.ok(section.includes('Applies when the severity is medium or higher.'));
    assert.ok(section.includes('Operations agreement Havbris–Kystlys, appendix 4 (security), section 4.2'));
    assert.ok(section.includes('<strong>Datatilsynet</strong>'));
    assert.ok(section.includes('Use the “Notify an authority” PACE ladder.'));
    for (const item of GDPR_ART_33.requiredContent)
      assert.ok(section.includes(`<span class="box"></span> ${escapeHtml(item)}`), item);
    assert.ok(section.includes(`Switched off for Havbris Energi AS: ${NIS2_ART_23.name}.`));
    assert.ok(!section.includes(`<h3>${NIS2_ART_23.name}</h3>`), 'a switched-off obligation gets no clocks');
    assert.ok(
      html.includes(
        '<td>GDPR: notify the supervisory authority of a personal data breach</td><td>Notification: 72 hours after awareness</td>',
      ),
    );
  });

  it('shows the roster as role, holder and deputies with their channels, and the roles nobody holds', () => {
    const section = html.slice(html.indexOf('id="roster"'), html.indexOf('id="playbooks"'));
    const row = (role: string) => section.slice(section.indexOf(`<td><strong>${role}</strong></td>`)).split('</tr>')[0];
    const manager = row('Incident manager');
    assert.ok(manager.indexOf('Jonas Berg') < manager.indexOf('Sara Haugen'), 'holder before deputy');
    assert.ok(manager.includes('SMS +47 415 55 010'));
    assert.ok(manager.includes('Voice call +47 415 55 020'));
    assert.ok(row('Legal').includes('Marte Lunde'));
    assert.ok(row('Scribe').includes('Not assigned'));
    assert.ok(row('Finance').includes('Not assigned'));
  });

  it('lists every playbook step with its role, what to record, a box to tick, and the instruction gate', () => {
    const section = html.slice(html.indexOf('id="playbooks"'), html.indexOf('id="services"'));
    const steps = plan.snapshot.playbooks.flatMap((p) => p.steps);
    for (const step of steps) {
      assert.ok(section.includes(`<strong>${escapeHtml(step.title)}</strong>`), step.title);
      for (const r of step.record) assert.ok(section.includes(`<li>${escapeHtml(r)}</li>`), r);
    }
    const gated = steps.filter((s) => s.needsCustomerInstruction).length;
    assert.ok(gated > 0);
    assert.equal(count(section, '<span class="wait">WAIT FOR CUSTOMER INSTRUCTION</span>'), gated + 1);
    assert.equal(count(section, '<td><span class="box"></span></td>'), steps.length);
    assert.ok(section.includes('<tr><th colspan="6">Communicate</th></tr>'));
    assert.ok(section.includes('<td>Customer liaison</td>'));
  });

  it('lists every service’s connections to check, most critical service first', () => {
    const section = html.slice(html.indexOf('id="services"'), html.indexOf('id="log"'));
    for (const service of plan.snapshot.services) {
      for (const c of service.connections) {
        assert.ok(section.includes(`<strong>${escapeHtml(c.target)}</strong>`), c.target);
        assert.ok(section.includes(escapeHtml(c.account)), c.account);
      }
    }
    assert.ok(section.indexOf('Metering data integration') < section.indexOf('Min side customer portal'));
    assert.ok(section.includes('Criticality critical · production · holds personal data'));
  });

  it('never prints a webhook secret', () => {
    assert.ok(!html.includes('q8ZsR2vNw'));
    assert.ok(!html.includes('7f3c9e1a-IT-DRIFT'));
    assert.ok(html.includes('Slack webhook https://hooks.slack.com/…'));
  });

  it('shows times in UTC unless told otherwise, naming the zone', () => {
    const utc = renderPlanHtml(plan, { generatedAt: GENERATED });
    assert.ok(utc.includes('2026-03-02 13:30 UTC by'));
    assert.ok(utc.includes('<tr><th>Times in this binder</th><td>UTC</td></tr>'));
  });

  it('rejects an unknown time zone with a message naming it', () => {
    assert.throws(() => renderPlanHtml(plan, { generatedAt: GENERATED, timeZone: 'Mars/Olympus' }), {
      code: 'invalid',
      message: /Unknown time zone "Mars\/Olympus"/,
    });
  });

  it('prints a plan without roster, ladders, obligations or playbooks, saying what is missing', () => {
    const empty = planFixture();
    Object.assign(empty.snapshot, { roster: null, pacePlans: [], obligations: [], playbooks: [] });
    const out = renderPlanHtml(empty, OSLO);
    assert.ok(out.includes('This plan has no CSIRT roster'));
    assert.ok(out.includes('This plan has no PACE ladders.'));
    assert.ok(out.includes('No reporting obligation is switched on in this plan.'));
    assert.ok(out.includes('This plan has no playbooks.'));
  });

  it('names a roster member or ladder contact that is not in the plan instead of dropping it', () => {
    const broken = planFixture();
    broken.snapshot.roster?.entries.push({ role: 'finance', people: ['con-gone'] });
    broken.snapshot.pacePlans[0].levels[0].contactId = 'con-vanished';
    const out = renderPlanHtml(broken, OSLO);
    assert.ok(out.includes('Unknown contact (con-gone)'));
    assert.ok(out.includes('Unknown contact (con-vanished)'));
  });
});

describe('escaping in the offline kit', () => {
  const hostile = planFixture();
  hostile.snapshot.contacts[0].name = '<script>alert("pwned")</script>';
  hostile.snapshot.customer.name = 'Evil & Co "</style><script>x()</script>';
  hostile.snapshot.customer.code = '</title><script>';
  hostile.snapshot.services[0].connections[0].target = '<img src=x onerror=alert(1)>';
  hostile.snapshot.obligations[0].definition.source = { citation: 'Click me', url: 'javascript:alert(1)' };

  for (const [name, out] of [
    ['renderPlanHtml', renderPlanHtml(hostile, OSLO)],
    ['renderPaceCardHtml', renderPaceCardHtml(hostile, OSLO)],
  ] as const) {
    it(`${name} turns markup in plan text into inert text`, () => {
      assert.ok(!/<script|<img/i.test(out), 'no live markup');
      assert.ok(out.includes('&#60;script&#62;alert(&#34;pwned&#34;)&#60;/script&#62;'));
      assert.ok(out.includes('Evil &#38; Co &#34;&#60;/style&#62;&#60;script&#62;x()&#60;/script&#62;'));
      assert.equal(count(out, '</style>'), 1, 'text cannot close the style element');
      assert.equal(count(out, '</title>'), 1, 'text cannot close the title element');
      assert.ok(!out.includes('href="javascript:'));
    });
  }

  it('escapes the five characters that matter in HTML text and attributes', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});

describe('renderPaceCardHtml', () => {
  const plan = planFixture();
  const card = renderPaceCardHtml(plan, OSLO);

  it('holds every ladder level’s contact and channel with the version and SHA-256', () => {
    for (const entry of ladderEntries(plan)) {
      if (entry.who) assert.ok(card.includes(`<td>${escapeHtml(entry.who)}</td>`), entry.who);
      assert.ok(card.includes(escapeHtml(entry.how)), entry.how);
    }
    assert.ok(card.includes(`HAVB · plan v3 · SHA-256 ${plan.sha256}`));
    assert.ok(card.includes('no ack in 15 min, delivery fails, compromised'));
    assert.ok(card.includes('Notification: 72 hours after awareness'));
    assert.doesNotMatch(card, /<script|<link|<img|@import|url\(|\bsrc\s*=/i);
  });
});

describe('printing the HTML kit in a browser', () => {
  const skip = browserUnavailable();
  let browser: Browser;
  before(async () => {
    if (!skip) browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  async function print(html: string): Promise<{ pages: number; requests: string[] }> {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!/^(about|data):/.test(r.url())) requests.push(r.url());
    });
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    await page.close();
    return { pages: pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0, requests };
  }

  it('fits the PACE card on one A4 page and loads nothing', { skip: skip ?? false }, async () => {
    const { pages, requests } = await print(renderPaceCardHtml(planFixture(), OSLO));
    assert.equal(pages, 1);
    assert.deepEqual(requests, []);
  });

  it('starts each of the binder’s sections on a new page and loads nothing', { skip: skip ?? false }, async () => {
    const { pages, requests } = await print(renderPlanHtml(planFixture(), OSLO));
    assert.ok(pages >= 9, `${pages} pages`);
    assert.deepEqual(requests, []);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Reading text back out of a PDF: enough of the format to check what pdfmake (PDFKit) writes, and no more.

interface PdfObject {
  dict: string;
  stream: string | null;
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const src = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  let match = header.exec(src);
  while (match) {
    const start = match.index + match[0].length;
    const end = src.indexOf('endobj', start);
    const streamAt = src.indexOf('stream', start);
    if (streamAt !== -1 && streamAt < end) {
      const dict = src.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const dataStart = streamAt + 'stream'.length + (src[streamAt + 6] === '\r' ? 2 : 1);
      const data = pdf.subarray(dataStart, dataStart + length);
      const stream = (/\/FlateDecode/.test(dict) ? inflateSync(data) : data).toString('latin1');
      objects.set(Number(match[1]), { dict, stream });
      header.lastIndex = src.indexOf('endobj', dataStart + length) + 6;
    } else {
      objects.set(Number(match[1]), { dict: src.slice(start, end), stream: null });
      header.lastIndex = end + 6;
    }
    match = header.exec(src);
  }
  return objects;
}

function utf16(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** Glyph code → text, from a font's ToUnicode CMap. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of body.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const first = Number.parseInt(lo, 16);
      const last = Number.parseInt(hi, 16);
      if (rest.startsWith('[')) {
        // A ligature maps to several code units, written with spaces between them: <0066 0069> is "fi".
        const targets = [...rest.matchAll(/<([0-9a-f\s]*)>/gi)].map((m) => utf16(m[1].replace(/\s/g, '')));
        targets.forEach((target, i) => {
          map.set(first + i, target);
        });
      } else {
        const base = Number.parseInt(rest.slice(1, -1), 16);
        for (let code = first; code <= last; code++) map.set(code, String.fromCharCode(base + code - first));
      }
    }
  }
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of body.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi)) {
      map.set(Number.parseInt(src, 16), utf16(dst.replace(/\s/g, '')));
    }
  }
  return map;
}

/** The text drawn on the pages, in drawing order; a glyph without a Unicode mapping comes out as U+0000. */
function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const [, name, ref] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '')?.[1];
      const cmap = cmapRef ? objects.get(Number(cmapRef))?.stream : null;
      if (cmap) fonts.set(name, toUnicode(cmap));
    }
  }
  let text = '';
  for (const { stream } of objects.values()) {
    if (!stream || !/\bBT\b/.test(stream)) continue;
    let font = new Map<number, string>();
    for (const [, name, array, single] of stream.matchAll(
      /\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[^\]])*)\]\s*TJ|<([0-9a-f]*)>\s*Tj/gi,
    )) {
      if (name) {
        font = fonts.get(name) ?? new Map();
        continue;
      }
      const hex = single ?? [...(array ?? '').matchAll(/<([0-9a-f]*)>/gi)].map((m) => m[1]).join('');
      for (let i = 0; i + 4 <= hex.length; i += 4) text += font.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\u0000';
    }
    text += '\n';
  }
  return text;
}

const squash = (text: string) => text.replace(/\s+/g, '');

describe('renderPlanPdf', () => {
  const plan = planFixture();
  let pdf: Buffer;
  let text: string;
  before(async () => {
    pdf = await renderPlanPdf(plan, OSLO);
    text = squash(pdfText(pdf));
  });

  it('is a PDF', () => {
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.subarray(-8).toString('latin1').includes('%%EOF'));
  });

  it('draws every character it was given (no glyph missing from the embedded font)', () => {
    assert.ok(text.length > 5000, `${text.length} characters of text`);
    assert.ok(!text.includes('\u0000'));
  });

  it('carries the customer, version and SHA-256 on the cover and on every page', () => {
    assert.ok(text.includes(squash('Havbris Energi AS (HAVB)')));
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    assert.ok(pages >= 9, `${pages} pages`);
    for (let page = 1; page <= pages; page++) {
      assert.ok(text.includes(squash(`HAVB · plan v3 · SHA-256 ${plan.sha256} · page ${page} of ${pages}`)), `page ${page}`);
    }
  });

  it('holds the ladders, clocks, roster, playbook steps and connections', () => {
    for (const entry of ladderEntries(plan)) {
      if (entry.who) assert.ok(text.includes(squash(entry.who)), entry.who);
      assert.ok(text.includes(squash(entry.how)), entry.how);
    }
    for (const expected of [
      '72 hours after awareness',
      '4 hours after awareness',
      GDPR_ART_33.source.citation,
      'Deputy incident manager',
      'WAIT FOR CUSTOMER INSTRUCTION',
      ...plan.snapshot.playbooks.flatMap((p) => p.steps.map((s) => s.title)),
      ...plan.snapshot.services.flatMap((s) => s.connections.map((c) => c.target)),
    ]) {
      assert.ok(text.includes(squash(expected)), expected);
    }
  });

  it('never prints a webhook secret', () => {
    assert.ok(!text.includes('q8ZsR2vNw'));
  });

  it('shows the text it was given, not what markup in it would mean', async () => {
    const hostile = planFixture();
    hostile.snapshot.customer.name = '<b>Evil</b> & Co';
    const out = squash(pdfText(await renderPlanPdf(hostile, OSLO)));
    assert.ok(out.includes(squash('<b>Evil</b> & Co (HAVB)')));
  });

  it('can be written uncompressed, with the same text', async () => {
    const raw = await renderKitPdf(buildKitModel(plan, OSLO), { compress: false });
    assert.ok(!raw.toString('latin1').includes('/FlateDecode'));
    assert.ok(squash(pdfText(raw)).includes(squash(`SHA-256 ${plan.sha256}`)));
  });
});
