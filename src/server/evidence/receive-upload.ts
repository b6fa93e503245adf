import fsp from 'node:fs/promises';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import { safeEvidenceName } from './evidence-content.ts';
import { receiveToTemp, type TempFile, TooLargeError } from './evidence-files.ts';

/** The text fields of an upload, each with its longest length. */
const FIELDS = { source: 500, collectedBy: 200, collectedAt: 40, description: 10_000 } as const;
type FieldName = keyof typeof FIELDS;

export interface ReceivedUpload {
  temp: TempFile;
  name: string;
  claimedContentType: string | null;
  fields: Partial<Record<FieldName, string>>;
}

/** "2 GiB", "1.5 MiB", "1000 bytes": the limit as a person reads it. */
export function sizeWords(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit += 1;
  }
  return `${value} ${units[unit]}`;
}

/**
 * Reads a multipart/form-data upload: one file part named `file`, streamed into the evidence store's tmp/ with
 * its SHA-256 computed on the way, and the text fields (before or after it). Anything refused (too large, a
 * second file, a field too long, the client gone) leaves no temp file behind.
 */
export async function receiveUpload(request: FastifyRequest, evidenceDir: string, maxBytes: number): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    throw new AppError('invalid', 'Send the evidence as multipart/form-data with the file in a part named "file"', 'file');
  }
  let upload: Omit<ReceivedUpload, 'fields'> | null = null;
  const fields: Partial<Record<FieldName, string>> = {};
  try {
    const parts = request.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 12, headerPairs: 100 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          throw new AppError('invalid', 'Send one file, in a part named "file"', 'file');
        }
        const temp = await receiveToTemp(evidenceDir, part.file, maxBytes);
        upload = { temp, name: safeEvidenceName(part.filename), claimedContentType: part.mimetype?.slice(0, 200) || null };
        continue;
      }
      const name = part.fieldname as FieldName;
      if (!(name in FIELDS)) continue;
      const value = String(part.value);
      if (part.valueTruncated || value.length > FIELDS[name]) {
        throw new AppError('invalid', `${name} must be at most ${FIELDS[name]} characters`, name);
      }
      if (value.includes('\0') || !value.isWellFormed()) {
        throw new AppError('invalid', `${name} must be text without NUL characters`, name);
      }
      fields[name] = value;
    }
  } catch (error) {
    if (upload) await fsp.rm(upload.temp.path, { force: true });
    if (error instanceof TooLargeError || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        'payload_too_large',
        `The file is larger than the limit of ${sizeWords(maxBytes)} (EVIDENCE_MAX_BYTES); nothing was kept`,
        'file',
      );
    }
    if (error instanceof AppError) throw error;
    // The client went away mid-upload: nothing to answer, and nothing for the error log.
    if (request.raw.destroyed || (error as { code?: string }).code === 'ECONNRESET') {
      throw new AppError('invalid', 'The upload ended before the file was complete; nothing was kept', 'file');
    }
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('FST_'))
      throw new AppError('invalid', `The upload could not be read: ${(error as Error).message}`, 'file');
    throw error;
  }
  if (!upload) throw new AppError('invalid', 'The upload holds no file: send it in a part named "file"', 'file');
  return { ...upload, fields };
}
