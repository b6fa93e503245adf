import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchBrowser } from '../../../e2e/browser.ts';
import { escapeHtml } from '../core/http/html.ts';
import { GDPR_ART_33, NIS2_ART_23 } from '../obligations/obligation-library.ts';
import { ladderEntries, planFixture } from '../testing/plan-fixture.ts';
import { renderPaceCardHtml, renderPlanHtml } from './offline-kit.ts';

const GENERATED = new Date('2026-03-10T08:00:00.000Z');
const OSLO = { generatedAt: GENERATED, timeZone: 'Europe/Oslo' };

const count = (text: string, part: string) => text.split(part).length - 1;

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
    assert.ok(section.includes('<strong>60 minutes after awareness</strong>'));
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
