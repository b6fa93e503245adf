import { randomUUIDv7 } from 'node:crypto';
import type { RecordKindName } from '../../shared/record-events.ts';
import type { RecordEvent } from '../../shared/timeline-events.ts';
import { type Action, type Actor, assertCan } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Database, Dialect } from '../core/db/database.ts';
import type { RecordsTable } from '../core/db/schema.ts';
import { isUniqueViolation, type Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendEvents } from '../core/events/event-store.ts';
import { GENESIS_HASH } from '../core/events/hash-chain.ts';
import { findRecord, insertRecord, updateRecord } from './records.queries.ts';

/**
 * One kind of registry object (customer, service, contact, roster, PACE plan, obligation choice, playbook).
 * Every kind is stored the same way: its current state in `records`, every change an event on its own
 * hash-chained stream (`<kind>.created`, `<kind>.updated` with the changed fields and their previous values,
 * `<kind>.archived`), so the registry has the same audit trail as incidents.
 */
export interface RecordKind<T extends object> {
  kind: RecordKindName;
  /** How a person calls one, for messages: "service", "PACE plan". */
  label: string;
  /**
   * customer: always belongs to a customer; optional: may instead belong to our own organisation (customerId
   * null: default ladders, shared contacts); self: the record is a customer, and its scope is itself.
   */
  scope: 'customer' | 'optional' | 'self';
  /** Checks references and uniqueness and fills generated ids; throws AppError naming the field. */
  prepare?: (context: PrepareContext<T>, data: T) => Promise<T>;
  /** Called after a record of this kind was created or changed and committed. */
  changed?: (database: Database) => void;
}

export interface PrepareContext<T> {
  tx: Tx;
  dialect: Dialect;
  actor: Actor;
  id: string;
  customerId: string | null;
  existing: T | null;
}

export type StoredRecord<T> = T & {
  id: string;
  customerId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
};

export function recordView<T>(row: RecordsTable): StoredRecord<T> {
  return {
    id: row.id,
    customerId: row.customer_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    ...(JSON.parse(row.data) as T),
  };
}

const notFound = (kind: { label: string }, id: string) => `No ${kind.label} ${id}`;

/** Reads one record the actor may see; 404 otherwise (also for other customers' records). */
export async function readRecord<T extends object>(
  tx: Tx,
  dialect: Dialect,
  actor: Actor,
  kind: RecordKind<T>,
  id: string,
  forUpdate = false,
): Promise<{ row: RecordsTable; record: StoredRecord<T> }> {
  const row = await findRecord(tx, dialect, kind.kind, id, forUpdate);
  if (!row) throw new AppError('not_found', notFound(kind, id));
  assertCan(actor, 'registry.read', { customerId: row.customer_id, notFound: notFound(kind, id) });
  return { row, record: recordView<T>(row) };
}

/** Creates a record and its first event in one transaction. */
export async function createRecord<T extends object>(
  deps: Deps,
  actor: Actor,
  kind: RecordKind<T>,
  customerId: string | null,
  data: T,
): Promise<StoredRecord<T>> {
  const id = randomUUIDv7();
  const scope = kind.scope === 'self' ? null : customerId;
  if (kind.scope === 'customer' && !scope)
    throw new AppError('invalid', `Choose the customer this ${kind.label} belongs to`, 'customerId');
  assertCan(actor, kind.scope === 'self' ? 'customer.create' : 'registry.change', {
    customerId: scope,
    notFound: `No customer ${scope}`,
  });
  const { database, clock } = deps;
  const record = await saving(kind, async () =>
    commit(deps, async (tx) => {
      if (scope) await requireCustomer(tx, database.dialect, scope);
      const now = clock.now();
      const owner = kind.scope === 'self' ? id : scope;
      const prepared = kind.prepare
        ? await kind.prepare({ tx, dialect: database.dialect, actor, id, customerId: owner, existing: null }, data)
        : data;
      const events = await appendEvents(
        tx,
        database.dialect,
        id,
        { seq: 0, hash: GENESIS_HASH },
        [{ type: `${kind.kind}.created`, data: { customerId: owner, ...prepared } }],
        actor,
        now,
        { streamType: 'record', customerId: owner },
      );
      const row: RecordsTable = {
        id,
        kind: kind.kind,
        customer_id: owner,
        version: 1,
        head_hash: events[0].hash,
        data: JSON.stringify(prepared),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        archived_at: null,
      };
      await insertRecord(tx, row);
      return recordView<T>(row);
    }),
  );
  kind.changed?.(database);
  return record;
}

export interface RecordChange<T> {
  /** Changed fields (shallow: a list or an object is replaced whole), recorded as one `<kind>.updated` event. */
  set?: Partial<T>;
  archive?: boolean;
  /**
   * Something else that happened to the object (a member added, a plan published), recorded on its stream;
   * effect writes it in the same transaction. An event that follows from what it writes is made by a function
   * of the transaction that writes it.
   */
  event?: RecordEvent | ((tx: Tx) => Promise<RecordEvent>);
  effect?: (tx: Tx) => Promise<void>;
  /** What the change needs the right to do; registry.change unless said. */
  action?: Action;
}

/** Applies a change to a record: its events and its new state commit together. Nothing changed, no event. */
export async function changeRecord<T extends object>(
  deps: Deps,
  actor: Actor,
  kind: RecordKind<T>,
  id: string,
  change: RecordChange<T>,
  expectedVersion?: number,
): Promise<StoredRecord<T>> {
  const { database, clock } = deps;
  const changed = await saving(kind, async () =>
    commit(deps, async (tx) => {
      const { row, record } = await readRecord(tx, database.dialect, actor, kind, id, true);
      const action = change.action ?? (change.archive && kind.scope === 'self' ? 'customer.create' : 'registry.change');
      assertCan(actor, action, {
        customerId: row.customer_id,
        notFound: notFound(kind, id),
      });
      if (row.archived_at) throw new AppError('conflict', `This ${kind.label} was archived on ${row.archived_at}`);
      if (expectedVersion !== undefined && expectedVersion !== row.version) {
        throw new AppError(
          'conflict',
          `The ${kind.label} changed since you loaded it (version ${expectedVersion}, now ${row.version}); reload and try again`,
          'expectedVersion',
        );
      }
      const current = JSON.parse(row.data) as T;
      let next = { ...current, ...(change.set ?? {}) } as T;
      if (kind.prepare && change.set) {
        next = await kind.prepare(
          { tx, dialect: database.dialect, actor, id, customerId: row.customer_id, existing: current },
          next,
        );
      }
      const changes: Record<string, unknown> = {};
      const previous: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(next)) {
        const before = (current as Record<string, unknown>)[field];
        if (JSON.stringify(before) === JSON.stringify(value)) continue;
        changes[field] = value;
        previous[field] = before ?? null;
      }
      const newEvents: RecordEvent[] = [];
      if (Object.keys(changes).length) newEvents.push({ type: `${kind.kind}.updated`, data: { changes, previous } });
      if (change.archive) newEvents.push({ type: `${kind.kind}.archived`, data: {} });
      if (change.event) {
        await change.effect?.(tx);
        newEvents.push(typeof change.event === 'function' ? await change.event(tx) : change.event);
      }
      if (newEvents.length === 0) return record;
      const now = clock.now();
      const events = await appendEvents(
        tx,
        database.dialect,
        id,
        { seq: row.version, hash: row.head_hash },
        newEvents,
        actor,
        now,
        { streamType: 'record', customerId: row.customer_id },
      );
      const updated: RecordsTable = {
        ...row,
        version: row.version + events.length,
        head_hash: events[events.length - 1].hash,
        data: JSON.stringify(next),
        updated_at: now.toISOString(),
        archived_at: change.archive ? now.toISOString() : null,
      };
      if (!(await updateRecord(tx, updated, row.version))) {
        throw new AppError('conflict', `The ${kind.label} is being changed by someone else right now; try again`);
      }
      return recordView<T>(updated);
    }),
  );
  kind.changed?.(database);
  return changed;
}

async function requireCustomer(tx: Tx, dialect: Dialect, customerId: string): Promise<void> {
  const customer = await findRecord(tx, dialect, 'customer', customerId);
  if (!customer || customer.archived_at) throw new AppError('invalid', `No customer ${customerId}`, 'customerId');
}

async function saving<T>(kind: { label: string }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `The ${kind.label} was changed at the same time; try again`);
    throw error;
  }
}
