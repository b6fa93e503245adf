import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../auth/policy.ts';
import { contactEventFor, contactFor, maskedAddress, publicAddress } from './public-address.ts';

const HOOK = 'https://hooks.slack.com/services/T0/B0/SECRET';

describe('publicAddress', () => {
  const table: [string, Parameters<typeof publicAddress>[0], string][] = [
    ['keeps an e-mail address', { type: 'email', address: 'soc@acme.example', label: 'SOC' }, 'soc@acme.example'],
    ['keeps a phone number', { type: 'sms', address: '+47 912 34 567', label: 'duty' }, '+47 912 34 567'],
    ['shows a Slack webhook as its label', { type: 'slack', address: HOOK, label: ' #ir-acme ' }, '#ir-acme'],
    [
      'shows a Slack webhook without label as scheme and host',
      { type: 'slack', address: HOOK, label: '' },
      'https://hooks.slack.com/…',
    ],
    ['keeps the port', { type: 'webhook', address: 'http://10.0.0.5:8080/in?sig=x' }, 'http://10.0.0.5:8080/…'],
    ['hides a webhook that is no URL at all', { type: 'teams', address: 'garbage-secret' }, '(webhook address hidden)'],
    [
      'masks a link inside a manual instruction',
      { type: 'manual', address: 'Join https://meet.example/r/abc?pwd=1' },
      'Join https://meet.example/…',
    ],
    ['masks a URL put in an e-mail channel', { type: 'email', address: 'https://u:p@x.example/a' }, 'https://x.example/…'],
    ['keeps an empty address of a step without channel', { type: null, address: '' }, ''],
  ];
  for (const [name, channel, shown] of table) {
    it(name, () => assert.equal(publicAddress(channel), shown));
  }
  it('maskedAddress never uses the label', () => {
    assert.equal(
      maskedAddress({ type: 'mattermost', address: 'https://chat.acme.example/hooks/abc', label: '#ir' }),
      'https://chat.acme.example/…',
    );
  });
});

describe('contactFor and contactEventFor', () => {
  const contact = {
    customerId: 'c1',
    channels: [
      { id: 'a', type: 'slack' as const, address: HOOK, label: '#ir', verified: true, lastTestedAt: null },
      { id: 'b', type: 'email' as const, address: 'soc@acme.example', label: '', verified: true, lastTestedAt: null },
    ],
  };
  const member = (role: 'manager' | 'responder' | 'viewer'): Actor => ({
    id: 'u',
    name: 'U',
    role: 'viewer',
    via: 'token',
    memberships: { c1: role },
  });

  it('gives the whole address to a manager of the customer, who edits it', () => {
    assert.equal(contactFor(member('manager'), contact).channels[0].address, HOOK);
  });
  for (const role of ['responder', 'viewer'] as const) {
    it(`masks it for a ${role}, keeping e-mail addresses`, () => {
      const shown = contactFor(member(role), contact);
      assert.deepEqual(
        shown.channels.map((c) => c.address),
        ['https://hooks.slack.com/…', 'soc@acme.example'],
      );
      const event = contactEventFor(member(role), 'c1', { changes: { channels: contact.channels }, previous: { channels: [] } });
      assert.doesNotMatch(JSON.stringify(event), /SECRET/);
    });
  }
});
