import { type Actor, assertCan } from '../auth/policy.ts';
import type { Database } from '../core/db/database.ts';
import type { Deps } from '../core/deps.ts';
import type { EventActor } from '../core/events/event-store.ts';

// The public report form is off until an administrator switches it on: a form anyone on the internet can post
// to is a decision for the organisation, not a default. The setting is one row of the settings table (name/value),
// so every instance reads the same answer without a restart.

const NAME = 'public-report-form';
export const INTRO_MAX = 2000;

export interface PublicReportFormSetting {
  enabled: boolean;
  /** Plain text shown above the form (who reads the reports, what to do in an emergency). */
  intro: string;
  /** Who changed it last and when: the audit trail of switching a public entry point on or off. */
  updatedBy: EventActor | null;
  updatedAt: string | null;
}

const OFF: PublicReportFormSetting = { enabled: false, intro: '', updatedBy: null, updatedAt: null };

/** The current setting; off when never set or when the stored value is unreadable (fail closed). */
export async function readPublicReportForm(database: Database): Promise<PublicReportFormSetting> {
  const row = await database.db.selectFrom('settings').select('value').where('name', '=', NAME).executeTakeFirst();
  if (!row) return OFF;
  try {
    const value = JSON.parse(row.value) as Partial<PublicReportFormSetting>;
    return {
      enabled: value.enabled === true,
      intro: typeof value.intro === 'string' ? value.intro : '',
      updatedBy: value.updatedBy ?? null,
      updatedAt: value.updatedAt ?? null,
    };
  } catch {
    return OFF;
  }
}

/** Switches the form on or off and sets its intro (admins only); records who did it and when, and logs it. */
export async function changePublicReportForm(
  deps: Deps,
  actor: Actor,
  change: { enabled: boolean; intro: string },
): Promise<PublicReportFormSetting> {
  assertCan(actor, 'user.manage');
  const setting: PublicReportFormSetting = {
    enabled: change.enabled,
    intro: change.intro.trim(),
    updatedBy: { id: actor.id, name: actor.name },
    updatedAt: deps.clock.now().toISOString(),
  };
  const value = JSON.stringify(setting);
  await deps.database.db
    .insertInto('settings')
    .values({ name: NAME, value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
    .execute();
  deps.log.info({ by: setting.updatedBy, enabled: setting.enabled }, 'public report form setting changed');
  return setting;
}
