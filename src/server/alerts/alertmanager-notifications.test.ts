import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

type Status = 'firing' | 'resolved';
type GroupAlert = { fingerprint: string; count: number };

/** One alert as Alertmanager puts it in a webhook notification. */
function amAlert(
  alertname: string,
  instance: string,
  status: Status,
  startsAt: string,
  extra: { fingerprint?: string; summary?: string; description?: string } = {},
) {
  return {
    status,
    labels: { alertname, instance, severity: 'warning' },
    annotations: {
      summary: extra.summary ?? `${alertname} on ${instance}`,
      description: extra.description ?? `${alertname} fires on ${instance}`,
    },
    startsAt,
    endsAt: status === 'resolved' ? '2026-11-23T11:00:00Z' : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus:9090/graph',
    fingerprint: extra.fingerprint ?? `${alertname}-${instance}`.toLowerCase(),
  };
}

/** Alertmanager's webhook payload: every alert of the group, each time anything in the group changes. */
function amPayload(alerts: ReturnType<typeof amAlert>[]) {
  const alertname = alerts[0].labels.alertname;
  return {
    version: '4',
    groupKey: `{}:{alertname="${alertname}"}`,
    truncatedAlerts: 0,
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'muster',
    groupLabels: { alertname },
    commonLabels: { alertname },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts,
  };
}

for (const dialect of await testDialects()) {
  describe(`Alertmanager notifications on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let token: string;

    const post = async (payload: unknown) => {
      const response = await server.request('POST', '/api/v1/alerts/alertmanager', { token, body: payload });
      const body = await response.json();
      assert.equal(response.status, 202, JSON.stringify(body));
      return body as { alerts: { fingerprint: string; count: number; groupId: string }[] };
    };
    const group = async (id: string) => {
      const response = await server.request('GET', `/api/v1/triage/${id}`, { token: admin });
      return (await response.json()) as {
        item: { title: string; description: string | null; occurrences: number; alertCount: number; firingCount: number };
        alerts: GroupAlert[];
      };
    };
    const countOf = (detail: { alerts: GroupAlert[] }, fingerprint: string) =>
      detail.alerts.find((a) => a.fingerprint === fingerprint)?.count;

    before(async () => {
      server = await startTestServer({ dialect, worker: { autoStart: false } });
      admin = await server.userToken('admin');
      const customer = await (
        await server.request('POST', '/api/v1/customers', {
          token: admin,
          body: { name: 'Nordlys Energi', code: 'NLE', timeZone: 'Europe/Oslo' },
        })
      ).json();
      const source = await server.request('POST', '/api/v1/alert-sources', {
        token: admin,
        body: { name: 'alertmanager', customerId: customer.id },
      });
      token = (await source.json()).token;
    });
    after(() => server.close());

    it('counts a re-sent alert with the same startsAt once, however often Alertmanager sends it', async () => {
      const startsAt = '2026-11-23T10:00:00Z';
      const diskFull = amAlert('DiskFull', 'db1', 'firing', startsAt);
      let receipt = await post(amPayload([diskFull]));
      // group_interval and repeat_interval: the same notification again, twice.
      await post(amPayload([diskFull]));
      receipt = await post(amPayload([diskFull]));
      assert.equal(receipt.alerts[0].count, 1, 'one DiskFull alert, sent three times, happened once');
      const detail = await group(receipt.alerts[0].groupId);
      assert.equal(countOf(detail, 'diskfull-db1'), 1);
      assert.equal(detail.item.occurrences, 1);
    });

    it('counts each alert of a group once when the group is re-sent, and resolving one does not bump its siblings', async () => {
      const startsAt = '2026-11-23T10:00:00Z';
      const first = await post(amPayload([amAlert('NodeDown', 'n1', 'firing', startsAt)]));
      const groupId = first.alerts[0].groupId;
      // n2 joins: Alertmanager sends the whole group, n1 included.
      await post(amPayload([amAlert('NodeDown', 'n1', 'firing', startsAt), amAlert('NodeDown', 'n2', 'firing', startsAt)]));
      // n1 resolves: again the whole group, n2 still firing with its startsAt.
      await post(amPayload([amAlert('NodeDown', 'n1', 'resolved', startsAt), amAlert('NodeDown', 'n2', 'firing', startsAt)]));
      let detail = await group(groupId);
      assert.equal(countOf(detail, 'nodedown-n1'), 1);
      assert.equal(countOf(detail, 'nodedown-n2'), 1, 'a sibling resolving is not a new occurrence of n2');
      assert.equal(detail.item.alertCount, 2);
      assert.equal(detail.item.occurrences, 2);
      assert.equal(detail.item.firingCount, 1);
      // n1 fires again, later: a new startsAt is a new occurrence.
      const again = await post(
        amPayload([amAlert('NodeDown', 'n1', 'firing', '2026-11-23T10:30:00Z'), amAlert('NodeDown', 'n2', 'firing', startsAt)]),
      );
      detail = await group(again.alerts[0].groupId);
      assert.equal(countOf(detail, 'nodedown-n1'), 2);
      assert.equal(countOf(detail, 'nodedown-n2'), 1);
    });

    it('still counts every notification of an alert that brings no startsAt', async () => {
      const response = async () => {
        const res = await server.request('POST', '/api/v1/alerts', {
          token,
          body: { title: 'Queue backlog', labels: { alertname: 'QueueBacklog' }, status: 'firing' },
        });
        return (await res.json()).alerts[0];
      };
      await response();
      assert.equal((await response()).count, 2);
    });

    it("takes a group's title and description from the alert that started first, wherever Alertmanager lists it", async () => {
      // The later alert is listed first, and its fingerprint sorts first too.
      const later = amAlert('CertExpiry', 'web2', 'firing', '2026-11-23T10:05:00Z', {
        fingerprint: '0000000000000002',
        summary: 'Certificate of web2 expires in 6 days',
        description: 'web2 found second',
      });
      const earlier = amAlert('CertExpiry', 'web1', 'firing', '2026-11-23T10:00:00Z', {
        fingerprint: 'ffffffffffffff01',
        summary: 'Certificate of web1 expires in 5 days',
        description: 'web1 found first',
      });
      const receipt = await post(amPayload([later, earlier]));
      assert.equal(receipt.alerts[0].groupId, receipt.alerts[1].groupId);
      const { item } = await group(receipt.alerts[0].groupId);
      assert.equal(item.title, 'Certificate of web1 expires in 5 days');
      assert.equal(item.description, 'web1 found first');
    });
  });
}
