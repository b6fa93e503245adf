import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { GDPR_ART_33 } from '../obligations/obligation-library.ts';
import { renderPlanPdf } from './offline-kit.ts';
import { buildKitModel } from './offline-kit-model.ts';
import { renderKitPdf } from './offline-kit-pdf.ts';
import { ladderEntries, planFixture } from './plan-fixture.ts';

const GENERATED = new Date('2026-03-10T08:00:00.000Z');
const OSLO = { generatedAt: GENERATED, timeZone: 'Europe/Oslo' };

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
