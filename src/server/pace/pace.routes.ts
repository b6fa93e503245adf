import type { FastifyInstance } from 'fastify';
import type { Contact } from '../../shared/prepare-types.ts';
import type { Deps } from '../core/deps.ts';
import { listRecords } from '../registry/records.queries.ts';
import { registerRecordRoutes } from '../registry/registry.routes.ts';
import { pacePlanSchema } from '../registry/registry.schemas.ts';
import { PACE_PLAN, type PacePlanData } from '../registry/registry-kinds.ts';
import { recordView, type StoredRecord } from '../registry/save-record.ts';
import { paceWarnings } from './pace-warnings.ts';

/** PACE plans are registry objects shown with their warnings, computed from the contacts each plan can use. */
export function registerPaceRoutes(app: FastifyInstance, deps: Deps): void {
  registerRecordRoutes(
    app,
    deps,
    'pace-plans',
    PACE_PLAN,
    pacePlanSchema,
    async (_deps, _actor, plans: StoredRecord<PacePlanData>[]) => {
      const contactsOf = new Map<string | null, Contact[]>();
      const now = deps.clock.now();
      const result = [];
      for (const plan of plans) {
        let contacts = contactsOf.get(plan.customerId);
        if (!contacts) {
          const scope = plan.customerId === null ? { customerId: null } : { visible: [plan.customerId] };
          const rows = await listRecords(deps.database.db, { kind: 'contact', visible: null, ...scope });
          contacts = rows.map((row) => recordView<Contact>(row));
          contactsOf.set(plan.customerId, contacts);
        }
        result.push({ ...plan, warnings: paceWarnings(plan.levels, contacts, now) });
      }
      return result;
    },
  );
}
