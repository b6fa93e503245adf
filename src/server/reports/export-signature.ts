import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

// The signature every export carries inside itself, so that one file travels alone: a fixed trailer at its end
// holds the signer's key id and the Ed25519 signature of every byte before the signature's hex. The hex is
// lower case and exactly 128 characters: base64 of 64 bytes has spare bits, so a changed last character could
// decode to the same signature and a changed file would still pass (docs/decisions/0015-signed-incident-reports.md).

export const EXPORT_FORMATS = ['html', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const SIG_HEX = 128;

/** What comes right before the signature's hex, and right after it (the file's last bytes). */
function trailer(format: ExportFormat, keyId: string): { before: string; after: string } {
  switch (format) {
    case 'pdf':
      return { before: `%Muster-Signature: Ed25519 key=${keyId} sig=`, after: '\n' };
    case 'html':
      return { before: `<!-- Muster-Signature: Ed25519 key=${keyId} sig=`, after: ' -->\n' };
    case 'json':
      return { before: `,"signature":{"algorithm":"Ed25519","keyId":"${keyId}","value":"`, after: '"}}\n' };
  }
}

/** The 16-hex key id of an Ed25519 public key: the start of the SHA-256 of its raw 32 bytes. */
export function publicKeyFingerprint(publicKey: KeyObject): { keyId: string; fingerprint: string; raw: Buffer } {
  const raw = rawPublicKey(publicKey);
  const fingerprint = createHash('sha256').update(raw).digest('hex');
  return { keyId: fingerprint.slice(0, 16), fingerprint, raw };
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  // The DER SubjectPublicKeyInfo of an Ed25519 key is a fixed 12-byte header and the 32 raw bytes.
  return publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
}

/**
 * The document with its signature: for PDF and HTML the trailer follows the document; for JSON the document is
 * an object and the signature becomes its last member, so the file stays valid JSON.
 */
export function signExport(document: Buffer, format: ExportFormat, privateKey: KeyObject, keyId: string): Buffer {
  const { before, after } = trailer(format, keyId);
  let body = document;
  if (format === 'json') {
    const text = document.toString('utf8').trimEnd();
    if (!text.startsWith('{') || !text.endsWith('}') || text === '{}') throw new Error('A JSON export is a non-empty object');
    body = Buffer.from(text.slice(0, -1), 'utf8');
  } else if (body.at(-1) !== 0x0a) {
    body = Buffer.concat([body, Buffer.from('\n')]);
  }
  const signed = Buffer.concat([body, Buffer.from(before, 'latin1')]);
  const signature = sign(null, signed, privateKey).toString('hex');
  return Buffer.concat([signed, Buffer.from(signature + after, 'latin1')]);
}

export type ExportVerdict =
  | { valid: true; format: ExportFormat; keyId: string; signedBytes: number }
  | { valid: false; format: ExportFormat | null; keyId: string | null; reason: string };

/** The format a file claims by its first bytes. */
export function exportFormatOf(file: Buffer): ExportFormat | null {
  const head = file.subarray(0, 16).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (/^<!doctype html/i.test(head)) return 'html';
  if (head.startsWith('{')) return 'json';
  return null;
}

/**
 * Checks a signed export against a public key: the exact trailer of its format, the signer's key id, and the
 * Ed25519 signature over every byte before the signature. Any other byte anywhere makes it invalid.
 */
export function verifyExport(file: Buffer, publicKey: KeyObject): ExportVerdict {
  const format = exportFormatOf(file);
  if (!format) return { valid: false, format, keyId: null, reason: 'not a Muster export (neither PDF, HTML nor JSON)' };
  const { after } = trailer(format, '');
  const end = file.length - after.length;
  if (end - SIG_HEX < 0 || file.subarray(end).toString('latin1') !== after) {
    return { valid: false, format, keyId: null, reason: `no Muster signature at the end of the ${format.toUpperCase()} file` };
  }
  const hex = file.subarray(end - SIG_HEX, end).toString('latin1');
  if (!/^[0-9a-f]{128}$/.test(hex)) {
    return { valid: false, format, keyId: null, reason: 'the signature is not 128 lower-case hex characters' };
  }
  const signed = file.subarray(0, end - SIG_HEX);
  const probe = trailer(format, 'KEYID');
  const [beforeId, afterId] = probe.before.split('KEYID');
  const tail = signed.subarray(Math.max(0, signed.length - probe.before.length - 11)).toString('latin1');
  const match = tail.endsWith(afterId) ? tail.slice(0, -afterId.length).match(/([0-9a-f]{16})$/) : null;
  const keyId = match?.[1] ?? null;
  if (!keyId || !tail.slice(0, -afterId.length - 16).endsWith(beforeId)) {
    return { valid: false, format, keyId: null, reason: 'the signature trailer is damaged' };
  }
  const expected = publicKeyFingerprint(publicKey).keyId;
  if (keyId !== expected) {
    return { valid: false, format, keyId, reason: `signed with key ${keyId}, not with the key given (${expected})` };
  }
  if (!verify(null, signed, publicKey, Buffer.from(hex, 'hex'))) {
    return {
      valid: false,
      format,
      keyId,
      reason: 'the signature does not match the content: the file was changed after signing',
    };
  }
  return { valid: true, format, keyId, signedBytes: signed.length };
}

/** A public key from PEM text (SPKI public key, or a private key whose public half is taken); Ed25519 only. */
export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key (${key.asymmetricKeyType})`);
  return key;
}
