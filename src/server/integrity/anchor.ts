import { hash } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import type { StreamKind } from './integrity.queries.ts';
import type { StreamHead } from './verify-everything.ts';

// The anchor format, version 1 (documented in docs/security.md):
//   muster-anchor 1 <ISO time it was taken>
//   <incident|record|triage> <stream id> <seq> <sha256 of that event>    one line per stream
//   digest <sha256 of every line above, each ending in \n>
const HEADER = 'muster-anchor 1';
const KINDS = new Set<StreamKind>(['incident', 'record', 'triage']);

export interface Anchor {
  takenAt: string;
  digest: string;
  heads: Map<string, StreamHead>;
}

export function formatAnchor(heads: StreamHead[], takenAt: Date): { text: string; digest: string } {
  const body = [`${HEADER} ${takenAt.toISOString()}`, ...heads.map((h) => `${h.kind} ${h.id} ${h.seq} ${h.hash}`)]
    .map((line) => `${line}\n`)
    .join('');
  const digest = hash('sha256', body, 'hex');
  return { text: `${body}digest ${digest}\n`, digest };
}

/** Reads an anchor; a file that is not one, or whose lines no longer give its digest, is refused (400-like). */
export function parseAnchor(text: string): Anchor {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  const header = lines[0] ?? '';
  if (!header.startsWith(`${HEADER} `)) {
    throw new AppError('invalid', `This is not a Muster anchor: its first line should start with "${HEADER}"`);
  }
  const last = lines[lines.length - 1];
  const digest = /^digest ([0-9a-f]{64})$/.exec(last)?.[1];
  if (!digest || lines.length < 2) {
    throw new AppError('invalid', 'The anchor has no digest line at its end: it was cut short');
  }
  const body = lines
    .slice(0, -1)
    .map((line) => `${line}\n`)
    .join('');
  if (hash('sha256', body, 'hex') !== digest) {
    throw new AppError('invalid', 'The anchor does not match its own digest: it was changed or damaged after it was taken');
  }
  const heads = new Map<string, StreamHead>();
  lines.slice(1, -1).forEach((line, i) => {
    const [kind, id, seq, headHash, extra] = line.split(' ');
    if (
      !KINDS.has(kind as StreamKind) ||
      !id ||
      !/^[1-9]\d*$/.test(seq ?? '') ||
      !/^[0-9a-f]{64}$/.test(headHash ?? '') ||
      extra
    ) {
      throw new AppError('invalid', `Line ${i + 2} of the anchor is not "<incident|record|triage> <id> <seq> <hash>"`);
    }
    heads.set(id, { kind: kind as StreamKind, id, seq: Number(seq), hash: headHash });
  });
  return { takenAt: header.slice(HEADER.length + 1), digest, heads };
}
