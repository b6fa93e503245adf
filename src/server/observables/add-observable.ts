import { randomUUIDv7 } from 'node:crypto';
import { MAX_OBSERVABLE_TAGS, type NewObservable } from '../../shared/observable-types.ts';
import { normaliseObservable } from '../../shared/observable-values.ts';
import type { Actor } from '../auth/policy.ts';
import type { ObservablesTable } from '../core/db/observables-schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { findObservable, findObservableByValue } from './observables.queries.ts';
import { projectObservables } from './project-observables.ts';

/** A moment "seen" may be ahead of the server's clock: the clocks of the systems that logged it drift. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Tags trimmed, without empties, each once whatever its case (the first spelling wins); 400 naming tags past the cap. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags.map((t) => t.trim()).filter(Boolean)) if (!seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  if (seen.size > MAX_OBSERVABLE_TAGS) throw new AppError('invalid', `At most ${MAX_OBSERVABLE_TAGS} tags`, 'tags');
  return [...seen.values()];
}

/**
 * Adds an observable to an incident (one observable.added event), its value normalised. The same value added
 * again is the same observable seen once more: its tags are merged, its last (or first) seen moves, a TLP or
 * description given replaces the one it had. Whoever may change the incident may add to it, closed or not.
 */
export async function addObservable(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: NewObservable,
): Promise<{ observable: ObservablesTable; created: boolean }> {
  const normalised = normaliseObservable(input.value, input.type);
  if (!normalised.ok) throw new AppError('invalid', normalised.message, normalised.field);
  const { type, value } = normalised;
  const tags = cleanTags(input.tags ?? []);
  const description = input.description?.trim();
  const newId: string = randomUUIDv7();
  let id = newId;
  await appendToIncident(deps, actor, incidentIdOrKey, {
    async decide(tx, incident, now) {
      if (input.seenAt && Date.parse(input.seenAt) > now.getTime() + CLOCK_SKEW_MS) {
        throw new AppError('invalid', 'seenAt is in the future', 'seenAt');
      }
      const seenAt = input.seenAt ? new Date(input.seenAt).toISOString() : now.toISOString();
      const existing = await findObservableByValue(tx, incident.id, type, value);
      id = existing?.id ?? newId;
      const fields = existing
        ? {
            tags: cleanTags([...(JSON.parse(existing.tags) as string[]), ...tags]),
            tlp: input.tlp ?? (existing.tlp as typeof incident.tlp),
            description: description || existing.description,
          }
        : { tags, tlp: input.tlp ?? incident.tlp, description: description ?? '' };
      return [{ type: 'observable.added', data: { observableId: id, type, value, ...fields, seenAt, again: !!existing } }];
    },
    alongside: (tx, _next, events) => projectObservables(tx, events),
  });
  return { observable: (await findObservable(deps.database.db, id)) as ObservablesTable, created: id === newId };
}
