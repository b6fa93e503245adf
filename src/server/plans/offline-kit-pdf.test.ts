import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GDPR_ART_33 } from '../obligations/obligation-library.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { ladderEntries, planFixture } from '../testing/plan-fixture.ts';
import { renderPlanPdf } from './offline-kit.ts';
import { buildKitModel } from './offline-kit-model.ts';
import { renderKitPdf } from './offline-kit-pdf.ts';

const GENERATED = new Date('2026-03-10T08:00:00.000Z');
const OSLO = { generatedAt: GENERATED, timeZone: 'Europe/Oslo' };

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
