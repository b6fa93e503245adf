import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { sourceSnippets } from './source-snippets.ts';

// What `amtool check-config` requires of a file: a top-level route with a receiver, and that receiver in the
// receivers list, with a webhook config that posts to Muster with the token. Where amtool is installed (Debian:
// apt-get install prometheus-alertmanager), amtool itself checks the file too.
const amtool = spawnSync('amtool', ['--version']).status === 0;
if (!amtool && process.env.MUSTER_TEST_AMTOOL === 'required')
  throw new Error('amtool is required (MUSTER_TEST_AMTOOL=required) but not installed');
type Receiver = {
  name: string;
  webhook_configs: { url: string; send_resolved: boolean; max_alerts?: number; http_config?: { authorization?: unknown } }[];
};

describe('the Alertmanager snippet of an alert source', () => {
  const origin = 'https://muster.example.org';
  const token = 'msrc_0123456789abcdef';
  const config = parse(sourceSnippets(origin, token).alertmanager);

  it('is a complete alertmanager.yml: a route whose receiver is defined under receivers', () => {
    assert.equal(typeof config.route?.receiver, 'string', 'route.receiver is required');
    const receiver = (config.receivers as Receiver[]).find((r) => r.name === config.route.receiver);
    assert.ok(receiver, `the route's receiver "${config.route.receiver}" is in receivers`);
    assert.deepEqual(Object.keys(config).sort(), ['receivers', 'route']);
  });

  it("posts to Muster's Alertmanager endpoint with the source's token, resolved notifications and every alert included", () => {
    const receiver = (config.receivers as Receiver[]).find((r) => r.name === config.route.receiver);
    assert.ok(receiver);
    const [webhook] = receiver.webhook_configs;
    assert.equal(webhook.url, `${origin}/api/v1/alerts/alertmanager`);
    assert.equal(webhook.send_resolved, true);
    assert.equal(webhook.max_alerts, 0);
    assert.deepEqual(webhook.http_config?.authorization, { type: 'Bearer', credentials: token });
  });

  it('uses only durations Alertmanager can read for its timers', () => {
    for (const key of ['group_wait', 'group_interval', 'repeat_interval']) {
      assert.match(String(config.route[key]), /^\d+[smhdwy]$/, key);
    }
  });

  it('passes amtool check-config', { skip: amtool ? false : 'amtool is not installed' }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-am-'));
    try {
      const file = path.join(dir, 'alertmanager.yml');
      fs.writeFileSync(file, sourceSnippets(origin, token).alertmanager);
      const checked = spawnSync('amtool', ['check-config', file], { encoding: 'utf8' });
      assert.equal(checked.status, 0, `${checked.stdout}${checked.stderr}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
