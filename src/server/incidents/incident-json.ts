import { incidentAllowed } from '../auth/allowed.ts';
import type { Actor } from '../auth/policy.ts';
import type { Database } from '../core/db/database.ts';
import type { Deps } from '../core/deps.ts';
import type { EventActor } from '../core/events/event-store.ts';
import { toStoredEvent } from '../core/events/event-store.ts';
import type { TimelineRow } from '../core/events/events.queries.ts';
import { findIncidentStateTexts, type ListedIncidentRow } from './incident-list.queries.ts';
import type { IncidentState } from './incident-state.ts';
import { incidentView, maskedFieldsOf, presentIncident, timelineEventView } from './incidents.views.ts';

// Lists and timelines answer with JSON text put together from what is stored, rather than parsing each row and
// serialising it again through the response schema: the answer is the same JSON (tests compare both paths).

/** The response schema's serialiser of one Incident (the route's own, so the text is the one it would write). */
export type SerializeIncident = (incident: { [key: string]: unknown }) => string;

/**
 * An incident presented and serialised, cut around its `allowed` (the one part that depends on who asks). Only
 * for an incident out of review: its allowed transitions depend on nothing but its state. In review they depend
 * on the clocks and the review, read at the time of the request, and it is presented afresh each time.
 */
interface PresentedText {
  before: string;
  after: string;
}

const MAX_PRESENTED = 4000;
const presentedCaches = new WeakMap<Database, Map<string, PresentedText>>();

// Keyed by the incident's id and the head of its hash chain: a state is the fold of its events, so these name one
// state for good, on every instance (no invalidation), and a change moves the incident to a new head.
const keyOf = (id: string, headHash: string) => `${id} ${headHash}`;
function presentedCache(database: Database): Map<string, PresentedText> {
  let cache = presentedCaches.get(database);
  if (!cache) {
    cache = new Map();
    presentedCaches.set(database, cache);
  }
  return cache;
}

const ALLOWED_KEY = ',"allowed":';
const AFTER_ALLOWED_KEY = ',"createdAt":';

/** text cut around its `allowed`, or null when it is not where the schema puts it (then nothing is kept). */
function cutAroundAllowed(text: string, allowedText: string): PresentedText | null {
  // The last ones: allowed and createdAt come after every free-form part of the incident, and inside a JSON string
  // a quote is always escaped, so these keys cannot be spelt by a value.
  const at = text.lastIndexOf(ALLOWED_KEY);
  const after = text.lastIndexOf(AFTER_ALLOWED_KEY);
  if (at < 0 || after < at) return null;
  const cut = { before: text.slice(0, at), after: text.slice(after) };
  return text.slice(at + ALLOWED_KEY.length, after) === allowedText ? cut : null;
}

/**
 * The listed incidents as the JSON text of the response's items, in order: each as presentIncident would present
 * it and the schema serialise it. An incident out of review is presented once per state and kept (the stored state
 * is read and parsed only then); what the actor may do with it is put in for each request.
 */
export async function presentListedIncidents(
  deps: Deps,
  actor: Actor,
  rows: ListedIncidentRow[],
  serialize: SerializeIncident,
): Promise<string[]> {
  const cache = presentedCache(deps.database);
  const allowedTexts = new Map<string | null, string>();
  const allowedText = (customerId: string | null) => {
    let text = allowedTexts.get(customerId);
    if (text === undefined) {
      text = JSON.stringify(incidentAllowed(actor, { customerId }));
      allowedTexts.set(customerId, text);
    }
    return text;
  };
  // Taken now: other requests may fill or clear the cache while the states are read.
  const kept = rows.map((row) => (row.status === 'reviewing' ? undefined : cache.get(keyOf(row.id, row.head_hash))));
  const stored = await findIncidentStateTexts(
    deps.database.db,
    rows.filter((_, i) => kept[i] === undefined).map((row) => row.id),
  );
  return Promise.all(
    rows.map(async (row, i) => {
      const presented = kept[i];
      if (presented) return presented.before + ALLOWED_KEY + allowedText(row.customer_id) + presented.after;
      // Incidents are never deleted: every listed one is still there.
      const record = stored.get(row.id);
      if (!record) throw new Error(`incident ${row.id} vanished while its page was read`);
      const state = JSON.parse(record.state) as IncidentState;
      if (state.status === 'reviewing') return serialize(await presentIncident(deps, state, actor));
      const text = serialize(incidentView(state, actor, { openClocks: [] }));
      const cut = cutAroundAllowed(text, allowedText(state.customerId));
      if (cut) {
        if (cache.size >= MAX_PRESENTED) cache.clear();
        cache.set(keyOf(row.id, record.head_hash), cut);
      }
      return text;
    }),
  );
}

/** A page of the list as its response's JSON text. */
export function incidentPageJson(page: {
  items: string[];
  nextCursor: string | null;
  prevCursor: string | null;
  total: number;
  totalExact: boolean;
}): string {
  const { items, nextCursor, prevCursor, total, totalExact } = page;
  return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)},"prevCursor":${JSON.stringify(prevCursor)},"total":${Number(total)},"totalExact":${totalExact === true}}`;
}

/**
 * A timeline as its response's JSON text: each event as timelineEventView shows it and the schema serialises it,
 * with its stored data text spliced in (parsed only for the few kinds of events whose channel URLs are masked).
 */
export function timelineJson(rows: TimelineRow[]): string {
  const actors = new Map<string, string>();
  let text = '{"events":[';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let actor = actors.get(row.actor);
    if (actor === undefined) {
      // Only the id and the name, as the schema writes them, whatever else an old event's actor holds.
      const { id, name } = JSON.parse(row.actor) as EventActor;
      actor = `{"id":${JSON.stringify(String(id))},"name":${JSON.stringify(String(name))}}`;
      actors.set(row.actor, actor);
    }
    const data = maskedFieldsOf(row.type, row.data)
      ? JSON.stringify(timelineEventView(toStoredEvent({ ...row, stream_type: 'incident', customer_id: null })).data)
      : row.data;
    text += `${i ? ',' : ''}{"position":${Number(row.position)},"incidentId":${JSON.stringify(row.stream_id)},"seq":${Number(row.seq)},"type":${JSON.stringify(row.type)},"actor":${actor},"occurredAt":${JSON.stringify(row.occurred_at)},"recordedAt":${JSON.stringify(row.recorded_at)},"data":${data},"prevHash":${JSON.stringify(row.prev_hash)},"hash":${JSON.stringify(row.hash)}}`;
  }
  return `${text}]}`;
}
