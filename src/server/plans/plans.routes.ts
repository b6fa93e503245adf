import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { PlanSnapshot, PlanVersion } from '../../shared/prepare-types.ts';
import { actorOf } from '../auth/authenticate.ts';
import { type Actor, assertCan, visibleCustomers } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { publicContact } from '../registry/public-address.ts';
import { CUSTOMER } from '../registry/registry-kinds.ts';
import { readRecord } from '../registry/save-record.ts';
import { compareDraft } from './compare-draft.ts';
import { comparePlans } from './compare-plans.ts';
import { incidentPlan } from './incident-plan.ts';
import { currentPlanContents } from './plan-contents.ts';
import { findPlanVersion, latestPlanVersion, listCurrentPlanVersions, listPlanVersions } from './plans.queries.ts';
import { printTimeZone } from './print-time-zone.ts';
import { planSummary, publishPlan } from './publish-plan.ts';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Params = Type.Object({ id: Id });
const PublishBody = Type.Object(
  {
    owner: Type.Optional(Type.String({ maxLength: 200 })),
    approver: Type.String({ minLength: 1, maxLength: 200 }),
    reviewBy: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
const KitQuery = Type.Object(
  {
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    download: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A published plan version the actor may read (404 for other customers' plans). */
async function readPlan(deps: Deps, actor: Actor, id: string): Promise<PlanVersion> {
  const row = await findPlanVersion(deps.database.db, id);
  if (!row) throw new AppError('not_found', `No plan version ${id}`);
  assertCan(actor, 'registry.read', { customerId: row.customer_id, notFound: `No plan version ${id}` });
  const newest = await latestPlanVersion(deps.database.db, row.customer_id);
  return { ...planSummary(row, deps.clock.now(), newest?.id === row.id), snapshot: publicSnapshot(JSON.parse(row.snapshot)) };
}

/**
 * A plan is read, printed and carried around: its channels show no webhook URL (the stored snapshot, which
 * its SHA-256 covers, keeps them; the contact's own record is where they are edited).
 */
function publicSnapshot(snapshot: PlanSnapshot): PlanSnapshot {
  return { ...snapshot, contacts: snapshot.contacts.map(publicContact) };
}

/** Contingency plans: the draft, publishing, versions, comparison, the offline kit, and the plan on an incident. */
export function registerPlanRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['prepare'];

  api.get('/api/v1/customers/:id/plan-draft', { schema: { tags, params: Params } }, async (request) => {
    const actor = actorOf(request);
    const { record } = await readRecord(deps.database.db, deps.database.dialect, actor, CUSTOMER, request.params.id);
    return publicSnapshot(await currentPlanContents(deps.database.db, deps.database.dialect, record.id, deps.clock.now()));
  });

  // What "Publish" would change: the Plans tab offers it only when something did, and asks with this summary.
  api.get(
    '/api/v1/customers/:id/plan-draft/changes',
    {
      schema: {
        tags,
        params: Params,
        response: {
          200: Type.Object({
            since: Type.Union([Type.Integer(), Type.Null()]),
            sections: Type.Array(
              Type.Object({
                section: Type.String(),
                added: Type.Array(Type.String()),
                removed: Type.Array(Type.String()),
                changed: Type.Array(Type.Object({ name: Type.String(), fields: Type.Array(Type.String()) })),
              }),
            ),
          }),
        },
      },
    },
    async (request) => compareDraft(deps, actorOf(request), request.params.id),
  );

  api.post('/api/v1/customers/:id/plans', { schema: { tags, params: Params, body: PublishBody } }, async (request, reply) =>
    reply.status(201).send(await publishPlan(deps, actorOf(request), request.params.id, request.body)),
  );

  api.get('/api/v1/customers/:id/plans', { schema: { tags, params: Params } }, async (request) => {
    const actor = actorOf(request);
    const { record } = await readRecord(deps.database.db, deps.database.dialect, actor, CUSTOMER, request.params.id);
    const rows = await listPlanVersions(deps.database.db, record.id);
    return { items: rows.map((row, i) => planSummary(row, deps.clock.now(), i === 0)) };
  });

  // The plan in force for every customer the caller can see, soonest review first: the dashboard's list.
  api.get('/api/v1/plans/current', { schema: { tags } }, async (request) => {
    const rows = await listCurrentPlanVersions(deps.database.db, visibleCustomers(actorOf(request)));
    return { items: rows.map((row) => planSummary(row, deps.clock.now())) };
  });

  api.get('/api/v1/plans/:id', { schema: { tags, params: Params } }, async (request) =>
    readPlan(deps, actorOf(request), request.params.id),
  );

  api.get(
    '/api/v1/plans/:id/compare/:otherId',
    { schema: { tags, params: Type.Object({ id: Id, otherId: Id }) } },
    async (request) => {
      const actor = actorOf(request);
      const [a, b] = await Promise.all([readPlan(deps, actor, request.params.id), readPlan(deps, actor, request.params.otherId)]);
      const [older, newer] = a.version <= b.version ? [a, b] : [b, a];
      return { older: older.version, newer: newer.version, sections: comparePlans(older.snapshot, newer.snapshot) };
    },
  );

  const kit = (suffix: string, type: string, render: (plan: PlanVersion, timeZone: string) => Promise<string | Buffer>) =>
    api.get(
      `/api/v1/plans/:id/${suffix}`,
      { schema: { tags, params: Params, querystring: KitQuery } },
      async (request, reply) => {
        const plan = await readPlan(deps, actorOf(request), request.params.id);
        const zone = await printTimeZone(deps.database.db, deps.database.dialect, plan, request.query.timeZone);
        const body = await render(plan, zone);
        const code = plan.snapshot.customer.code || 'plan';
        const name = `${code}-contingency-plan-v${plan.version}-${suffix}`.replace(/[^A-Za-z0-9._-]/g, '_');
        reply.header('content-type', type);
        reply.header('content-disposition', `${request.query.download ? 'attachment' : 'inline'}; filename="${name}"`);
        reply.header('x-plan-sha256', plan.sha256);
        // The kit is self-contained: inline styles, nothing fetched.
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        return reply.send(body);
      },
    );
  // The kit's renderers (and the PDF library) are loaded on first use: most servers rarely print.
  const options = (timeZone: string) => ({ generatedAt: deps.clock.now(), timeZone });
  const renderers = () => import('./offline-kit.ts');
  kit('kit.html', 'text/html; charset=utf-8', async (plan, tz) => (await renderers()).renderPlanHtml(plan, options(tz)));
  kit('pace-card.html', 'text/html; charset=utf-8', async (plan, tz) =>
    (await renderers()).renderPaceCardHtml(plan, options(tz)),
  );
  kit('kit.pdf', 'application/pdf', async (plan, tz) => (await renderers()).renderPlanPdf(plan, options(tz)));

  api.get('/api/v1/incidents/:id/plan', { schema: { tags: ['incidents'], params: Params } }, async (request) => ({
    incidentPlan: await incidentPlan(deps, actorOf(request), request.params.id),
  }));
}
