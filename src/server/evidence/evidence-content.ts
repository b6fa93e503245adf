import { isUtf8 } from 'node:buffer';

// What a collected file is, told by Muster from its bytes, and its name made safe to show and to send back. The
// client's own content type is only ever kept as what it claimed.

const MAGIC: [type: string, offset: number, bytes: number[] | string][] = [
  ['application/pdf', 0, '%PDF-'],
  ['image/png', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', 0, [0xff, 0xd8, 0xff]],
  ['image/gif', 0, 'GIF8'],
  ['image/webp', 8, 'WEBP'],
  ['application/zip', 0, [0x50, 0x4b, 0x03, 0x04]],
  ['application/gzip', 0, [0x1f, 0x8b]],
  ['application/x-7z-compressed', 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['application/vnd.rar', 0, 'Rar!'],
  ['application/x-xz', 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['application/x-bzip2', 0, 'BZh'],
  ['application/x-tar', 257, 'ustar'],
  ['application/x-executable', 0, [0x7f, 0x45, 0x4c, 0x46]],
  ['application/vnd.microsoft.portable-executable', 0, 'MZ'],
  ['application/vnd.tcpdump.pcap', 0, [0xd4, 0xc3, 0xb2, 0xa1]],
  ['application/vnd.tcpdump.pcap', 0, [0xa1, 0xb2, 0xc3, 0xd4]],
  ['application/x-pcapng', 0, [0x0a, 0x0d, 0x0d, 0x0a]],
  ['application/vnd.sqlite3', 0, 'SQLite format 3\u0000'],
  ['application/x-ms-evtx', 0, 'ElfFile\u0000'],
  ['application/x-ole-storage', 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
];

/**
 * The content type of a file by its first bytes: a known magic number, else text/plain for UTF-8 text without
 * NUL, else application/octet-stream. Never text/html or image/svg+xml: nothing collected is ever served as a page.
 */
export function sniffContentType(head: Uint8Array): string {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  for (const [type, offset, magic] of MAGIC) {
    const expected = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic);
    if (bytes.length >= offset + expected.length && bytes.subarray(offset, offset + expected.length).equals(expected))
      return type;
  }
  if (bytes.length === 0) return 'application/octet-stream';
  // The head may end inside a multi-byte character: look at what is surely whole.
  const text = bytes.length >= 4096 ? bytes.subarray(0, bytes.length - 3) : bytes;
  if (
    !text.includes(0) &&
    (isUtf8(text) || isUtf8(text.subarray(0, text.length - 1)) || isUtf8(text.subarray(0, text.length - 2)))
  )
    return 'text/plain';
  return 'application/octet-stream';
}

const MAX_NAME = 255;

/**
 * A file name as given, safe to show and to put in Content-Disposition: control characters (NUL among them)
 * removed, any directory part dropped (`../../etc/passwd` is `passwd`), at most 255 characters (the extension kept
 * where it can be). Never used as a path: files are stored by their hash.
 */
export function safeEvidenceName(raw: string | undefined | null): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  let name = (raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').toWellFormed();
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.trim();
  if (name === '' || name === '.' || name === '..') return 'evidence';
  const chars = [...name];
  if (chars.length <= MAX_NAME) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? [...name.slice(dot)] : [];
  if (extension.length > 0 && extension.length <= 16)
    return chars.slice(0, MAX_NAME - extension.length).join('') + extension.join('');
  return chars.slice(0, MAX_NAME).join('');
}
