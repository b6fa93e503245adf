import { inflateSync } from 'node:zlib';

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
export function pdfText(pdf: Buffer): string {
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
