import assert from 'node:assert/strict';
import { generateKeyPairSync, randomInt } from 'node:crypto';
import { describe, it } from 'node:test';
import { EXPORT_FORMATS, type ExportFormat, publicKeyFingerprint, signExport, verifyExport } from './export-signature.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const { keyId } = publicKeyFingerprint(publicKey);

const DOCUMENTS: Record<ExportFormat, Buffer> = {
  pdf: Buffer.from(
    '%PDF-1.3\n%\xff\xff\xff\xff\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF',
    'latin1',
  ),
  html: Buffer.from('<!doctype html>\n<html><body><p>TLP:AMBER — Ransom note on the file server</p></body></html>\n'),
  json: Buffer.from(`${JSON.stringify({ incident: { key: 'INC-2026-0042', title: 'Ransom note' }, timeline: [1, 2, 3] })}\n`),
};

/** The file with one byte at a random place replaced by a different random value. */
function changedOnce(file: Buffer): { changed: Buffer; at: number } {
  const changed = Buffer.from(file);
  const at = randomInt(changed.length);
  changed[at] = (changed[at] + randomInt(1, 256)) % 256;
  return { changed, at };
}

describe('signExport and verifyExport', () => {
  for (const format of EXPORT_FORMATS) {
    it(`passes an untouched ${format} export and fails each of 1,000 random single-byte changes`, () => {
      const signed = signExport(DOCUMENTS[format], format, privateKey, keyId);
      assert.deepEqual(verifyExport(signed, publicKey), {
        valid: true,
        format,
        keyId,
        signedBytes: signed.length - 128 - { pdf: 1, html: 5, json: 4 }[format],
      });
      for (let i = 0; i < 1000; i++) {
        const { changed, at } = changedOnce(signed);
        const verdict = verifyExport(changed, publicKey);
        assert.equal(verdict.valid, false, `byte ${at} of ${signed.length} changed to ${changed[at]}, and it still verified`);
      }
    });
  }

  it('keeps a JSON export valid JSON, the signature its last member', () => {
    const signed = signExport(DOCUMENTS.json, 'json', privateKey, keyId);
    const parsed = JSON.parse(signed.toString('utf8'));
    assert.equal(parsed.incident.key, 'INC-2026-0042');
    assert.deepEqual(Object.keys(parsed).at(-1), 'signature');
    assert.equal(parsed.signature.algorithm, 'Ed25519');
    assert.equal(parsed.signature.keyId, keyId);
    assert.match(parsed.signature.value, /^[0-9a-f]{128}$/);
  });

  it('ends a PDF with a comment after %%EOF, and an HTML file with a comment', () => {
    const pdf = signExport(DOCUMENTS.pdf, 'pdf', privateKey, keyId).toString('latin1');
    assert.match(pdf, new RegExp(`%%EOF\\n%Muster-Signature: Ed25519 key=${keyId} sig=[0-9a-f]{128}\\n$`));
    const html = signExport(DOCUMENTS.html, 'html', privateKey, keyId).toString('utf8');
    assert.match(html, new RegExp(`</html>\\n<!-- Muster-Signature: Ed25519 key=${keyId} sig=[0-9a-f]{128} -->\\n$`));
  });

  it('names the reason: another key, a changed body, a missing or damaged trailer, upper-case hex', () => {
    const other = generateKeyPairSync('ed25519');
    const signed = signExport(DOCUMENTS.html, 'html', privateKey, keyId);
    const byOther = verifyExport(signed, other.publicKey);
    assert.equal(byOther.valid, false);
    assert.match(!byOther.valid ? byOther.reason : '', /signed with key [0-9a-f]{16}, not with the key given/);

    const body = Buffer.from(signed);
    body[30] ^= 1;
    assert.match((verifyExport(body, publicKey) as { reason: string }).reason, /file was changed after signing/);

    assert.match((verifyExport(DOCUMENTS.html, publicKey) as { reason: string }).reason, /no Muster signature/);
    const text = signed.toString('latin1');
    const upper = Buffer.from(
      text.replace(/sig=([0-9a-f]+)/, (_, hex: string) => `sig=${hex.toUpperCase()}`),
      'latin1',
    );
    assert.match((verifyExport(upper, publicKey) as { reason: string }).reason, /128 lower-case hex/);
    const extra = Buffer.concat([signed, Buffer.from('\n')]);
    assert.equal(verifyExport(extra, publicKey).valid, false);
    assert.match((verifyExport(Buffer.from('hello'), publicKey) as { reason: string }).reason, /not a Muster export/);
  });
});
