import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Alert, AlertRule, AlertSilence, AlertSource, TriageItem } from '../../shared/triage-types.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

for (const dialect of await testDialects()) {
  describe(`alert intake on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let customer: { id: string };
    let other: { id: string };
    let token: string;
    let otherToken: string;
    let sourceId: string;
    const call = async (method: string, url: string, body?: unknown, as = admin) => {
      const response = await server.request(method, url, { token: as, body });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
    };
    const post = (alerts: unknown, as = token, path = '/api/v1/alerts') => call('POST', path, alerts, as);
    const alert = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
      title: `${labels.alertname} on ${labels.instance}`,
      labels,
      status: 'firing',
      ...extra,
    });
    const queue = async () => (await call('GET', '/api/v1/triage?status=triage')).body.items as TriageItem[];

    before(async () => {
      server = await startTestServer({ dialect, worker: { autoStart: false } });
      admin = await server.userToken('admin');
      customer = (await call('POST', '/api/v1/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'Europe/Oslo' })).body;
      other = (await call('POST', '/api/v1/customers', { name: 'Fjord Bank', code: 'FJB', timeZone: 'Europe/Oslo' })).body;
      const created = await call('POST', '/api/v1/alert-sources', { name: 'prometheus-prod', customerId: customer.id });
      assert.equal(created.status, 201);
      token = created.body.token;
      sourceId = created.body.source.id;
      otherToken = (await call('POST', '/api/v1/alert-sources', { name: 'prometheus-bank', customerId: other.id })).body.token;
    });
    after(() => server.close());

    it('folds repeats of a fingerprint into one alert with a count, first and last seen', async () => {
      const a = alert({ alertname: 'DiskFull', instance: 'db1' });
      const first = await post(a);
      assert.equal(first.status, 202);
      assert.equal(first.body.accepted, 1);
      const [receipt] = first.body.alerts;
      assert.deepEqual(
        Object.keys(receipt).sort(),
        ['count', 'fingerprint', 'groupId', 'silenced', 'status'],
        'the receipt and nothing else',
      );
      assert.equal(receipt.count, 1);
      assert.ok(receipt.groupId);
      const again = await post([a, a]);
      assert.equal(again.body.alerts[0].count, 3);
      assert.equal(again.body.alerts[0].fingerprint, receipt.fingerprint, 'labels in any order give one fingerprint');
      const detail = (await call('GET', `/api/v1/triage/${receipt.groupId}`)).body;
      assert.equal(detail.alerts.length, 1);
      assert.equal(detail.alerts[0].count, 3);
      assert.equal(detail.item.alertCount, 1);
      assert.equal(detail.item.occurrences, 3);
    });

    it('groups related alerts of one customer and never merges fingerprints across customers', async () => {
      const fingerprint = 'same-fingerprint-everywhere';
      const mine = await post(alert({ alertname: 'CpuHot', instance: 'a' }, { fingerprint }));
      const related = await post(alert({ alertname: 'CpuHot', instance: 'b' }));
      assert.equal(mine.body.alerts[0].groupId, related.body.alerts[0].groupId, 'same alert name within the window');
      const theirs = await post(alert({ alertname: 'CpuHot', instance: 'a' }, { fingerprint }), otherToken);
      assert.equal(theirs.body.alerts[0].count, 1, 'the other customer has its own alert');
      assert.notEqual(theirs.body.alerts[0].groupId, mine.body.alerts[0].groupId);
      const group = (await call('GET', `/api/v1/triage/${mine.body.alerts[0].groupId}`)).body;
      assert.deepEqual(
        group.alerts.map((x: Alert) => x.customerId),
        [customer.id, customer.id],
      );
    });

    it('takes Alertmanager webhooks unchanged, firing then resolved', async () => {
      const payload = (status: 'firing' | 'resolved') => ({
        version: '4',
        groupKey: '{}:{alertname="HighErrorRate"}',
        truncatedAlerts: 0,
        status,
        receiver: 'muster',
        groupLabels: { alertname: 'HighErrorRate' },
        commonLabels: { alertname: 'HighErrorRate', severity: 'critical' },
        commonAnnotations: {},
        externalURL: 'http://alertmanager:9093',
        alerts: [
          {
            status,
            labels: { alertname: 'HighErrorRate', severity: 'critical', instance: 'web1' },
            annotations: { summary: 'Error rate above 5%' },
            startsAt: '2026-11-23T10:00:00Z',
            endsAt: status === 'resolved' ? '2026-11-23T10:05:00Z' : '0001-01-01T00:00:00Z',
            generatorURL: 'http://prometheus:9090/graph',
            fingerprint: 'c0ffee0000000001',
          },
        ],
      });
      const firing = await post(payload('firing'), token, '/api/v1/alerts/alertmanager');
      assert.equal(firing.status, 202, JSON.stringify(firing.body));
      assert.equal(firing.body.alerts[0].fingerprint, 'c0ffee0000000001');
      const groupId = firing.body.alerts[0].groupId;
      let detail = (await call('GET', `/api/v1/triage/${groupId}`)).body;
      assert.equal(detail.item.title, 'Error rate above 5%');
      assert.equal(detail.item.severity, 'critical');
      assert.equal(detail.item.firingCount, 1);
      assert.equal(detail.alerts[0].startsAt, '2026-11-23T10:00:00.000Z');
      assert.equal(detail.alerts[0].endsAt, null);
      const resolved = await post(payload('resolved'), token, '/api/v1/alerts/alertmanager');
      assert.equal(resolved.body.alerts[0].status, 'resolved');
      detail = (await call('GET', `/api/v1/triage/${groupId}`)).body;
      assert.equal(detail.alerts[0].status, 'resolved');
      assert.equal(detail.alerts[0].resolvedAt, '2026-11-23T10:05:00.000Z');
      assert.equal(detail.item.firingCount, 0);
      assert.equal(detail.alerts[0].count, 1, 'a resolved notification ends the alert; it is not a repeat');
      assert.equal(detail.item.occurrences, 1);
    });

    it('opens an incident from a group, and later alerts of the group belong to it', async () => {
      const first = await post(alert({ alertname: 'Ransomware', instance: 'fs1' }, { severity: 'high' }));
      const groupId = first.body.alerts[0].groupId;
      const opened = await call('POST', `/api/v1/triage/${groupId}/open`, {});
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      assert.match(opened.body.incident.key, /^INC-\d{4}-\d{4}$/);
      assert.equal(opened.body.item.status, 'incident');
      const incident = (await call('GET', `/api/v1/incidents/${opened.body.incident.id}`)).body;
      assert.equal(incident.source, 'alert');
      assert.equal(incident.customerId, customer.id);
      const later = await post(alert({ alertname: 'Ransomware', instance: 'fs2' }));
      assert.equal(later.body.alerts[0].groupId, groupId);
      const linked = (await call('GET', `/api/v1/triage?incident=${opened.body.incident.id}`)).body.items;
      assert.equal(linked.length, 1);
      assert.equal(linked[0].alertCount, 2);
      const twice = await call('POST', `/api/v1/triage/${groupId}/open`, {});
      assert.equal(twice.status, 409);
    });

    it('dismisses with a reason and silences the group, so the same alerts start no new group', async () => {
      const a = alert({ alertname: 'Flapping', instance: 'x' });
      const groupId = (await post(a)).body.alerts[0].groupId;
      const noReason = await call('POST', `/api/v1/triage/${groupId}/dismiss`, { reason: '' });
      assert.equal(noReason.status, 400);
      const dismissed = await call('POST', `/api/v1/triage/${groupId}/dismiss`, {
        reason: 'Known flapping check',
        silenceMinutes: 60,
      });
      assert.equal(dismissed.body.item.status, 'dismissed');
      assert.equal(dismissed.body.item.decisionReason, 'Known flapping check');
      await post({ ...a, status: 'resolved' });
      const refired = await post(a);
      assert.equal(refired.body.alerts[0].silenced, true);
      assert.ok(!(await queue()).some((item) => item.title === a.title));
      const silences = (await call('GET', '/api/v1/alert-silences')).body.silences;
      const silence = silences.find((s: AlertSilence) => s.fingerprint === refired.body.alerts[0].fingerprint);
      assert.equal(silence.active, true);
      const ended = await call('DELETE', `/api/v1/alert-silences/${silence.id}`);
      assert.equal(ended.body.silence.active, false);
    });

    it('a rule opens an incident for critical alerts and another attaches to the open incident', async () => {
      const rule = await call('POST', '/api/v1/alert-rules', {
        name: 'Critical opens',
        customerId: customer.id,
        match: { severities: ['critical'] },
        groupBy: ['alertname'],
        windowMinutes: 10,
        action: 'open',
      });
      assert.equal(rule.status, 201, JSON.stringify(rule.body));
      const groupId = (await post(alert({ alertname: 'DataExfil', instance: 'x' }, { severity: 'critical' }))).body.alerts[0]
        .groupId;
      await server.worker.runDue();
      const item = (await call('GET', `/api/v1/triage/${groupId}`)).body.item;
      assert.equal(item.status, 'incident');
      assert.equal(item.decidedBy, 'Grouping rule "Critical opens"');
      const attach = await call('POST', '/api/v1/alert-rules', {
        name: 'Backups join',
        customerId: customer.id,
        match: { labels: { team: 'backup' } },
        groupBy: [],
        windowMinutes: 10,
        action: 'attach',
        incident: item.incidentKey,
      });
      assert.equal(attach.status, 201);
      const joined = (await post(alert({ alertname: 'BackupFailed', instance: 'b', team: 'backup' }))).body.alerts[0].groupId;
      await server.worker.runDue();
      const attached = (await call('GET', `/api/v1/triage/${joined}`)).body.item;
      assert.equal(attached.incidentId, item.incidentId);
      const timeline = (await call('GET', `/api/v1/incidents/${item.incidentId}/timeline`)).body;
      const events = timeline.items ?? timeline.events ?? timeline;
      assert.ok(events.some((e: { type: string }) => e.type === 'triage.attached'));
      await call('DELETE', `/api/v1/alert-rules/${rule.body.rule.id}`);
      await call('DELETE', `/api/v1/alert-rules/${attach.body.rule.id}`);
    });

    it("answers 404, never 403, to a customer manager for a missing rule and for another customer's", async () => {
      const manager = await server.memberToken(customer.id, 'manager');
      const body = { name: 'r', customerId: customer.id, match: {}, groupBy: [], windowMinutes: 5, action: 'triage' };
      const theirs = (await call('POST', '/api/v1/alert-rules', { ...body, customerId: other.id })).body.rule;
      for (const id of ['no-such-rule', theirs.id]) {
        assert.equal((await call('PUT', `/api/v1/alert-rules/${id}`, body, manager)).status, 404, `PUT ${id}`);
        assert.equal((await call('DELETE', `/api/v1/alert-rules/${id}`, undefined, manager)).status, 404, `DELETE ${id}`);
      }
      await call('DELETE', `/api/v1/alert-rules/${theirs.id}`);
    });

    it("refuses an attach rule whose incident is another customer's or does not exist, naming the field", async () => {
      const theirs = (await call('POST', '/api/v1/incidents', { title: 'Bank outage', customerId: other.id })).body;
      const mine = (await call('POST', '/api/v1/incidents', { title: 'Grid outage', customerId: customer.id })).body;
      const rule = { name: 'Join', customerId: customer.id, match: {}, groupBy: [], windowMinutes: 5, action: 'attach' };
      for (const incident of [theirs.key, theirs.id, 'INC-1999-0001']) {
        const refused = await call('POST', '/api/v1/alert-rules', { ...rule, incident });
        assert.equal(refused.status, 400, `${incident}: ${JSON.stringify(refused.body)}`);
        assert.equal(refused.body.error.field, 'incident');
      }
      const created = await call('POST', '/api/v1/alert-rules', { ...rule, incident: mine.key });
      assert.equal(created.status, 201);
      const moved = await call('PUT', `/api/v1/alert-rules/${created.body.rule.id}`, { ...rule, incident: theirs.key });
      assert.equal(moved.status, 400, 'a replaced rule is checked too');
      await call('DELETE', `/api/v1/alert-rules/${created.body.rule.id}`);
    });

    it('refuses bad input with a 4xx naming the problem and stores nothing', async () => {
      const raw = (body: string, headers: Record<string, string>) =>
        fetch(`${server.url}/api/v1/alerts`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, ...headers } });
      const malformed = await raw('{"title": "x",', { 'content-type': 'application/json' });
      assert.equal(malformed.status, 400);
      assert.match((await malformed.json()).error.message, /not valid JSON/);
      const wrongType = await raw('title=x', { 'content-type': 'text/plain' });
      assert.equal(wrongType.status, 415);
      const huge = await raw(JSON.stringify({ title: 'x', labels: { big: 'y'.repeat(10 * 1024 * 1024) }, status: 'firing' }), {
        'content-type': 'application/json',
      });
      assert.equal(huge.status, 413);
      const labels = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`l${i}`, 'v']));
      const many = await post({ title: 'x', labels, status: 'firing' });
      assert.equal(many.status, 400);
      assert.match(many.body.error.message, /labels/);
      const unknown = await post(alert({ alertname: 'X', instance: 'y' }), 'msrc_not-a-token');
      assert.equal(unknown.status, 401);
      const userToken = await post(alert({ alertname: 'X', instance: 'y' }), admin);
      assert.equal(userToken.status, 401, 'a user token is not a source token');
      const wrongSource = await post(alert({ alertname: 'X', instance: 'y' }, { source: 'someone-else' }));
      assert.equal(wrongSource.status, 400);
      assert.equal(wrongSource.body.error.field, 'source');
      const badTime = await post(alert({ alertname: 'X', instance: 'y' }, { startsAt: 'yesterday' }));
      assert.equal(badTime.status, 400);
      assert.equal(badTime.body.error.field, 'startsAt');
      const badStatus = await post(alert({ alertname: 'X', instance: 'y' }, { status: 'burning' }));
      assert.equal(badStatus.status, 400);
      const badElement = await post([
        alert({ alertname: 'X', instance: 'y' }),
        alert({ alertname: 'X', instance: 'z' }, { status: 'on' }),
      ]);
      assert.equal(badElement.status, 400);
      assert.equal(badElement.body.error.field, '1.status', 'names the element and its field');
      const unknownField = await post(alert({ alertname: 'X', instance: 'y' }, { colour: 'red' }));
      assert.equal(unknownField.status, 400);
      assert.match(unknownField.body.error.message, /Unknown field "colour"/);
      const wrongVersion = await post({ version: '3', status: 'firing', alerts: [] }, token, '/api/v1/alerts/alertmanager');
      assert.equal(wrongVersion.status, 400);
      assert.ok(!(await queue()).some((item) => item.title === 'X on y' || item.title === 'x'));
    });

    it('tells alerts without labels apart by their title', async () => {
      const a = await post({ title: 'Backup job failed', labels: {}, status: 'firing' });
      const b = await post({ title: 'Certificate expires soon', labels: {}, status: 'firing' });
      assert.notEqual(a.body.alerts[0].fingerprint, b.body.alerts[0].fingerprint);
      assert.equal(b.body.alerts[0].count, 1);
    });

    it('tries rules in the order of their positions, a new rule placed where it says', async () => {
      const rule = (name: string, position?: number) =>
        call('POST', '/api/v1/alert-rules', {
          name,
          customerId: customer.id,
          match: { labels: { team: 'ordering' } },
          groupBy: ['instance'],
          windowMinutes: 5,
          action: 'triage',
          ...(position === undefined ? {} : { position }),
        });
      const last = (await rule('Appended')).body.rule;
      const first = (await rule('Placed first', 1)).body.rule;
      assert.equal(first.position, 1);
      const listed = (await call('GET', '/api/v1/alert-rules')).body.rules.map((r: AlertRule) => r.name);
      assert.ok(listed.indexOf('Placed first') < listed.indexOf('Appended'));
      const a = await post(alert({ alertname: 'Order1', instance: 'i1', team: 'ordering' }));
      const b = await post(alert({ alertname: 'Order2', instance: 'i1', team: 'ordering' }));
      assert.equal(a.body.alerts[0].groupId, b.body.alerts[0].groupId, 'grouped by instance: the first rule decided');
      await call('DELETE', `/api/v1/alert-rules/${first.id}`);
      await call('DELETE', `/api/v1/alert-rules/${last.id}`);
    });

    it('a revoked source token stops working at once', async () => {
      const created = (await call('POST', '/api/v1/alert-sources', { name: 'short-lived', customerId: customer.id })).body;
      assert.equal((await post(alert({ alertname: 'A', instance: 'b' }), created.token)).status, 202);
      await call('POST', `/api/v1/alert-sources/${created.source.id}/revoke`);
      assert.equal((await post(alert({ alertname: 'A', instance: 'b' }), created.token)).status, 401);
      const list = (await call('GET', '/api/v1/alert-sources')).body.sources;
      assert.ok(list.find((s: AlertSource) => s.id === sourceId).lastUsedAt);
    });
  });
}
