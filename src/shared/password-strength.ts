// The password rule, shared so that the strength shown while typing is the verdict the server gives on submit.
// The estimator and its dictionaries (about 2 MB, ~0.8 s to load) are imported on first use only: neither the
// server's start nor the web's first page pays for them.

import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
/** zxcvbn's 0–4 scale; 3 is "safely unguessable" against an online attack and strong against an offline one. */
export const MIN_PASSWORD_SCORE = 3;

export interface PasswordVerdict {
  /** 0 (guessable in a few tries) to 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  /** One sentence on why it is weak, or null when it is acceptable. */
  problem: string | null;
  /** zxcvbn's suggestions, in words. */
  suggestions: string[];
}

let estimator: Promise<ZxcvbnFactory> | null = null;

const yieldToOthers = () => new Promise((resolve) => setTimeout(resolve, 0));

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    // Loading takes about a second of CPU in parts (parse each package, build the ranked dictionaries); yielding
    // between them lets other requests run in between instead of stalling the server for the whole of it.
    const { ZxcvbnFactory } = await import('@zxcvbn-ts/core');
    await yieldToOthers();
    const common = await import('@zxcvbn-ts/language-common');
    await yieldToOthers();
    const en = await import('@zxcvbn-ts/language-en');
    await yieldToOthers();
    return new ZxcvbnFactory({
      // zxcvbn's own wording for this one ("personal or page related data") says little to the person typing.
      translations: {
        ...en.translations,
        warnings: { ...en.translations.warnings, userInputs: 'Your own name or e-mail address is easy to guess.' },
      },
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
      // Both bound the work of one check (measured: up to seconds for 128 characters full of l33t symbols, under
      // 0.1 s with these), so a request cannot hold the event loop; a password strong in its first 64 characters
      // is strong, and common passwords with one or two substitutions (p@ssw0rd) are still recognised.
      maxLength: 64,
      l33tMaxSubstitutions: 2,
    });
  })();
  estimator.catch(() => {
    estimator = null;
  });
  return estimator;
}

/** The words a guesser tries first for this person: their e-mail address, its parts and their name. */
function personalWords(person: { email?: string; name?: string }): string[] {
  const email = person.email?.trim().toLowerCase() ?? '';
  const name = person.name?.trim().toLowerCase() ?? '';
  const [local = '', domain = ''] = email.split('@');
  const parts = [...local.split(/[^\p{L}\p{N}]+/u), ...domain.split('.'), ...name.split(/\s+/)];
  return [...new Set([email, local, name, name.replace(/\s+/g, ''), ...parts].filter((w) => w.length >= 3))];
}

/**
 * Judges a new password: long enough, not longer than the limit, and not easy to guess for its owner
 * (repeats, sequences, keyboard walks, common passwords and words, the person's own e-mail and name).
 */
export async function judgePassword(password: string, person: { email?: string; name?: string } = {}): Promise<PasswordVerdict> {
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { score: 0, acceptable: false, problem: `Use at most ${MAX_PASSWORD_LENGTH} characters.`, suggestions: [] };
  }
  const result = (await loadEstimator()).check(password, personalWords(person));
  const score = result.score as PasswordVerdict['score'];
  const longEnough = password.length >= MIN_PASSWORD_LENGTH;
  const acceptable = longEnough && score >= MIN_PASSWORD_SCORE;
  let problem: string | null = null;
  if (!longEnough) problem = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  else if (!acceptable) problem = result.feedback.warning || 'This password is easy to guess.';
  const suggestions = acceptable ? [] : result.feedback.suggestions;
  return { score, acceptable, problem, suggestions };
}

/** The verdict as one sentence for an error message, e.g. "Repeated characters … are easy to guess. Add …". */
export function describeVerdict(verdict: PasswordVerdict): string {
  return [verdict.problem, ...verdict.suggestions].filter(Boolean).join(' ');
}
