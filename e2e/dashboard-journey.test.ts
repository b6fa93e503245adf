import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ReviewAction } from '../src/shared/review-types.ts';
import { ADMIN, browserUnavailable, createFirstAdmin, newContext, screenshotter, watchPage } from './browser.ts';
import { type Journey, postJson, startJourney, stopJourney } from './journey-setup.ts';

// The dashboard, first on an empty server (every card says what will show up there), then with work: an incident whose
// GDPR clock runs out in 12 hours, an exercise, a task for the user, and review actions. The actions API belongs to the
// reviews; the browser is given its answers here, so the cards are checked with data and with a server that lacks it.

const HOUR = 3_600_000;
const TITLE = 'Customer database exported to an unknown host';
const TASK = 'Collect the firewall logs of the export';

const unavailable = browserUnavailable();
const shot = screenshotter('dashboard');

function action(fields: Partial<ReviewAction> & Pick<ReviewAction, 'id' | 'title' | 'incidentId' | 'incidentKey'>): ReviewAction {
  const at = new Date(Date.now() - 48 * HOUR).toISOString();
  return {
    incidentTitle: TITLE,
    customerId: null,
    exercise: false,
    detail: '',
    ownerId: null,
    ownerName: ADMIN.name,
    dueAt: null,
    status: 'open',
    target: null,
    overdue: false,
    draft: null,
    planVersionId: null,
    doneAt: null,
    remindedAt: null,
    version: 1,
    createdBy: ADMIN.name,
    createdAt: at,
    updatedAt: at,
    allowed: { change: true },
    ...fields,
  };
}

type ActionsAnswer = { mine: ReviewAction[]; overdue: ReviewAction[] } | 'missing';

/** Answers `GET /api/v1/actions` in the browser with what `current()` says at the time: the lists, or 404 as a server without them. */
async function answerActions(page: Page, current: () => ActionsAnswer) {
  await page.route('**/api/v1/actions*', (route) => {
    const answer = current();
    if (answer === 'missing') {
      return route.fulfill({
        status: 404,
        json: { error: { code: 'not_found', message: 'Route GET:/api/v1/actions not found' } },
      });
    }
    const url = new URL(route.request().url());
    return route.fulfill({ json: { items: url.searchParams.get('overdue') === 'true' ? answer.overdue : answer.mine } });
  });
}

describe('dashboard journey in the browser', { skip: unavailable ?? false }, () => {
  let journey: Partial<Journey> = {};

  before(async () => {
    journey = await startJourney();
  });
  after(() => stopJourney(journey));

  it('shows the empty states, then open incidents by severity and stage, clocks at risk, tasks and actions', async () => {
    const { server, browser } = journey as Journey;
    assert.ok(server.setupToken);
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    // The browser reports every 404 on the console; the actions' one is this test's own doing.
    const problems = watchPage(page);
    await createFirstAdmin(page, server.setupToken);

    // 1. Nothing yet, and a server without review actions: each card says so, quietly.
    let actions: ActionsAnswer = 'missing';
    await answerActions(page, () => actions);
    await page.goto('/dashboard');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByText('No open incidents').waitFor();
    await page.getByText('No clock is due in the next 24 hours').waitFor();
    await page.getByText('No tasks for you').waitFor();
    const myActions = page.getByRole('region', { name: 'My actions' });
    await myActions.getByText('Review actions are not available on this server yet.').waitFor();
    const overdueCard = page.getByRole('region', { name: 'Overdue actions' }).filter({ has: page.getByRole('heading') });
    await overdueCard.getByText('Review actions are not available on this server yet.').waitFor();
    await page.getByText('No published plans yet').waitFor();
    const figure = (label: string) => page.getByRole('region', { name: label, exact: true }).locator('[data-figure]');
    assert.equal(await figure('Open incidents').textContent(), '0');
    assert.equal(await figure('Overdue actions').textContent(), '–');
    await shot(page, '1-empty');

    // 2. Work arrives through the API: a GDPR clock due in 12 hours, an exercise, a task for the admin.
    const token = await server.userToken('admin', 'Setup script');
    const post = (url: string, body: unknown) => postJson(server, token, url, body);
    const customer = await post('/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'Europe/Oslo' });
    const authority = await post('/contacts', {
      name: 'Datatilsynet',
      kind: 'function',
      role: 'Supervisory authority',
      channels: [{ type: 'email', address: 'breach@authority.example' }],
    });
    await post('/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33', recipientContactId: authority.id });
    await post(`/customers/${customer.id}/plans`, { approver: 'Kari CISO' });
    const incident = await post('/incidents', {
      title: TITLE,
      customerId: customer.id,
      personalData: true,
      awareAt: new Date(Date.now() - 60 * HOUR).toISOString(),
    });
    const ids = { incidentId: incident.id, incidentKey: incident.key };
    // The reviews' actions arrive with it (the server's own, once the reviews are in).
    actions = {
      mine: [
        action({
          id: 'a1',
          title: 'Alert on large exports from the CRM database',
          dueAt: new Date(Date.now() + 5 * 24 * HOUR).toISOString(),
          ...ids,
        }),
      ],
      overdue: [
        action({
          id: 'a2',
          title: 'Rotate the export service account',
          dueAt: new Date(Date.now() - 2 * 24 * HOUR).toISOString(),
          overdue: true,
          ownerName: 'Per Drift',
          ...ids,
        }),
      ],
    };
    await post('/incidents', { title: 'Tabletop: ransomware on the historian', customerId: customer.id, exercise: true });
    const me = (await (await server.request('GET', '/api/v1/users', { token })).json()).items.find(
      (u: { email: string }) => u.email === ADMIN.email,
    );
    await post(`/incidents/${incident.id}/tasks`, {
      title: TASK,
      assigneeId: me.id,
      dueAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    });

    // 3. Without a reload: the live feed refreshes the incidents, clocks and tasks, and the actions with them.
    const grid = page.getByRole('table', { name: 'Open incidents by severity and stage' });
    await grid.waitFor();
    const clocks = page.getByRole('list', { name: 'Clocks at risk' });
    await clocks.getByText(/GDPR/).waitFor();
    const clock = clocks.getByRole('listitem').first();
    assert.match((await clock.textContent()) ?? '', new RegExp(incident.key));
    await clock.getByText(/^in 1[12] h( \d+ min)?$/).waitFor();
    assert.equal(await figure('Open incidents').textContent(), '1');
    await page.getByText('and 1 exercise').waitFor();
    assert.equal(await figure('Clocks at risk in 24 h').textContent(), '1');
    await page.getByRole('table', { name: 'Open exercises by severity and stage' }).waitFor();

    const tasks = page.getByRole('list', { name: 'My open tasks' });
    await tasks.getByText(TASK).waitFor();
    await tasks.getByText(/^Overdue by (29|30|31) min$/).waitFor();
    assert.equal(await figure('My open tasks').textContent(), '1');

    await page.getByRole('list', { name: 'My actions' }).getByText('Alert on large exports from the CRM database').waitFor();
    const overdue = page.getByRole('list', { name: 'Overdue actions' });
    await overdue.getByText('Rotate the export service account').waitFor();
    await overdue.getByText(/Per Drift/).waitFor();
    await overdue.getByText('overdue by 2 days').waitFor();
    assert.equal(await figure('Overdue actions').textContent(), '1');
    await shot(page, '2-work');

    // 4. A cell of the grid opens the incident list filtered to it.
    const severity = incident.severity as string | null;
    const words = severity ?? 'not assessed';
    await grid.getByRole('link', { name: new RegExp(`^1 ${words} incident reported$`, 'i') }).click();
    await page.waitForURL(/\/\?status=/);
    const url = new URL(page.url());
    assert.deepEqual(url.searchParams.getAll('status'), ['reported']);
    assert.equal(url.searchParams.get('exercise'), 'real');
    await page.getByRole('link', { name: incident.key }).first().waitFor();
    await shot(page, '3-list');

    const unexpected = problems.filter((p) => !/404/.test(p));
    assert.deepEqual(unexpected, []);
    await context.close();
  });
});
