import { AppError } from '../errors.ts';

// The cursor of the lists walked soonest due first with the id as the tiebreak (tasks, review actions): opaque to
// clients, checked on the way back in.

/** The cursor that starts just past this row. */
export function encodeDueCursor(row: { due_key: string; id: string }): string {
  return Buffer.from(JSON.stringify({ k: row.due_key, i: row.id })).toString('base64url');
}

/** The row a cursor starts past; 400 naming `cursor` for anything this API did not hand out. */
export function decodeDueCursor(text: string): { dueKey: string; id: string } {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString());
  } catch {}
  const cursor = c as { k?: unknown; i?: unknown } | null;
  if (!cursor || typeof cursor.k !== 'string' || typeof cursor.i !== 'string') {
    throw new AppError('invalid', 'cursor is not one this API handed out', 'cursor');
  }
  return { dueKey: cursor.k, id: cursor.i };
}
