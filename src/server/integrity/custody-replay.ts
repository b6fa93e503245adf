import { canonicalJson } from '../core/events/hash-chain.ts';

// A preservation request's latest answers are a view of its custody stream: replaying the stream must give them.

type Step = { action: string; location: string | null; note: string; details?: { itemId?: string }; at: string };

/**
 * Pure: how a preservation request's stored items and answers differ from its custody stream, in words (empty: they
 * match). Each item was requested once; its latest 'preserved' / 'not_preserved' step is its answer.
 */
export function preservationDifferences(storedItems: string, storedAnswers: string, steps: Step[]): string[] {
  let items: { id: string }[];
  let answers: Record<string, { status: string; location: string; note: string; at: string }>;
  try {
    items = JSON.parse(storedItems);
    answers = JSON.parse(storedAnswers);
  } catch {
    return ['its stored items or answers are not valid JSON'];
  }
  const requested = steps.filter((s) => s.action === 'preservation_requested').length;
  const out: string[] = [];
  if (requested !== items.length) {
    out.push(`it lists ${items.length} items but its custody stream records ${requested} requested`);
  }
  const replayed: Record<string, { status: string; location: string; note: string; at: string }> = {};
  for (const s of steps) {
    const itemId = s.details?.itemId;
    if (!itemId || (s.action !== 'preserved' && s.action !== 'not_preserved')) continue;
    const status = s.action === 'preserved' ? 'preserved' : 'not-preserved';
    replayed[itemId] = { status, location: s.location ?? '', note: s.note, at: s.at };
  }
  for (const id of new Set([...Object.keys(answers), ...Object.keys(replayed)])) {
    const a = answers[id];
    const stored = a ? { status: a.status, location: a.location, note: a.note, at: a.at } : null;
    if (canonicalJson(stored) !== canonicalJson(replayed[id] ?? null)) {
      out.push(`the stored answer to ${id} is not the last one on its custody stream`);
    }
  }
  return out;
}
