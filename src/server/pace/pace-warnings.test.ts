import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Channel, ChannelType, Contact, PaceLevel, PaceLevelName, PaceWarning } from '../../shared/prepare-types.ts';
import { describeChannel, paceWarnings } from './pace-warnings.ts';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const RECENT = '2026-05-20T09:00:00.000Z';

function channel(id: string, type: ChannelType, address: string, lastTestedAt: string | null = RECENT): Channel {
  return { id, type, address, label: '', verified: true, lastTestedAt };
}

function contact(id: string, name: string, channels: Channel[]): Contact {
  return {
    id,
    version: 1,
    createdAt: RECENT,
    updatedAt: RECENT,
    customerId: 'cust-1',
    kind: 'person',
    name,
    organisation: 'Havbris Energi AS',
    role: 'Customer contact point',
    timeZone: 'Europe/Oslo',
    workingHours: '',
    channels,
    notes: '',
  };
}

const ingrid = contact('c-ingrid', 'Ingrid Solberg', [
  channel('ingrid-mail', 'email', 'Ingrid.Solberg@Havbris.example'),
  channel('ingrid-sms', 'sms', '+47 912 34 567'),
  channel('ingrid-voice', 'voice', '+47 91234567'),
  channel('ingrid-old', 'email', 'ingrid@old.example', '2025-12-01T00:00:00.000Z'),
]);
const desk = contact('c-desk', 'Havbris service desk', [
  channel('desk-mail', 'email', 'servicedesk@havbris.EXAMPLE'),
  channel('desk-voice', 'voice', '+47 22 00 12 00', null),
  channel('desk-teams', 'teams', 'https://havbris.webhook.office.com/webhookb2/secret-token'),
  channel('desk-hook', 'webhook', 'https://muster.havbris.example/hooks/ir?sig=abc'),
]);
const ops = contact('c-ops', 'Kystlys on-call', [
  channel('ops-slack', 'slack', 'https://hooks.slack.com/services/T01/B01/secret'),
  channel('ops-slack-2', 'slack', 'https://hooks.slack.com/services/T02/B02/other'),
  channel('ops-mm', 'mattermost', 'https://chat.kystlys.example/hooks/xyz'),
  channel('ops-hook', 'webhook', 'https://alerts.kystlys.example/in'),
  channel('ops-signal', 'manual', 'Signal group "Havbris IR"'),
  channel('ops-tree', 'manual', 'Phone tree on page 2 of the binder'),
  channel('ops-mobile', 'sms', '0047 912 34 567'),
  channel('ops-other-mobile', 'voice', '+47 480 00 000'),
]);
const contacts = [ingrid, desk, ops];

const moveOn = { noAckMinutes: 15, onDeliveryFailure: true, onChannelCompromised: true };

function at(level: PaceLevelName, contactId: string | null, channelId: string | null, instruction = ''): PaceLevel {
  return { level, contactId, channelId, instruction, moveOn, note: '' };
}

/** A ladder on four independent, recently tested channels; each case below changes one thing. */
const good: PaceLevel[] = [
  at('primary', 'c-ingrid', 'ingrid-mail'),
  at('alternate', 'c-ingrid', 'ingrid-sms'),
  at('contingency', 'c-ops', 'ops-slack'),
  at('emergency', null, null, 'Drive to the Havbris control room, Kaigata 4'),
];

function replace(level: PaceLevelName, replacement: PaceLevel | null): PaceLevel[] {
  return good.flatMap((l) => (l.level !== level ? [l] : replacement ? [replacement] : []));
}

const codes = (warnings: PaceWarning[]) => warnings.map((w) => `${w.level}:${w.code}`);

describe('paceWarnings', () => {
  it('finds nothing to warn about on a complete, independent, recently tested ladder', () => {
    assert.deepEqual(paceWarnings(good, contacts, NOW), []);
  });

  describe('which warnings a ladder gets (table)', () => {
    const table: [string, PaceLevel[], string[]][] = [
      [
        'an empty ladder misses all four levels',
        [],
        ['primary', 'alternate', 'contingency', 'emergency'].map((l) => `${l}:missing-level`),
      ],
      ['a missing alternate level', replace('alternate', null), ['alternate:missing-level']],
      [
        'a level with neither channel nor instruction',
        replace('contingency', at('contingency', null, null, '  ')),
        ['contingency:missing-level'],
      ],
      [
        'a level naming a contact but no channel',
        replace('contingency', at('contingency', 'c-ops', null)),
        ['contingency:missing-level'],
      ],
      [
        'a level with a channel id but no contact',
        replace('contingency', at('contingency', null, 'ops-slack')),
        ['contingency:missing-level'],
      ],
      [
        'a manual instruction alone is a complete level',
        replace('alternate', at('alternate', null, null, 'Call the duty phone')),
        [],
      ],
      ['a contact that is not in the plan', replace('alternate', at('alternate', 'c-gone', 'x')), ['alternate:unknown-channel']],
      [
        'a channel the contact no longer has',
        replace('alternate', at('alternate', 'c-ingrid', 'ingrid-fax')),
        ['alternate:unknown-channel'],
      ],
      ['a channel never tested', replace('alternate', at('alternate', 'c-desk', 'desk-voice')), ['alternate:untested-channel']],
      ['a test more than 90 days old', replace('alternate', at('alternate', 'c-ingrid', 'ingrid-old')), ['alternate:stale-test']],
      [
        'two e-mails on the same domain, whatever the case',
        replace('alternate', at('alternate', 'c-desk', 'desk-mail')),
        ['alternate:shared-infrastructure'],
      ],
      ['e-mail on different domains', replace('alternate', at('alternate', 'c-ops', 'ops-mm')), []],
      [
        'SMS and a call to the same number, written differently',
        replace('contingency', at('contingency', 'c-ingrid', 'ingrid-voice')),
        ['contingency:shared-infrastructure'],
      ],
      [
        'the same number with a 00 prefix',
        replace('contingency', at('contingency', 'c-ops', 'ops-mobile')),
        ['contingency:shared-infrastructure'],
      ],
      ['two phone levels on different numbers', replace('contingency', at('contingency', 'c-ops', 'ops-other-mobile')), []],
      [
        'the same channel on two levels',
        replace('alternate', at('alternate', 'c-ingrid', 'ingrid-mail')),
        ['alternate:shared-infrastructure'],
      ],
    ];
    for (const [label, levels, expected] of table) {
      it(label, () => assert.deepEqual(codes(paceWarnings(levels, contacts, NOW)).sort(), [...expected].sort()));
    }
  });

  describe('shared infrastructure between chat and webhook levels (table)', () => {
    const table: [string, string, string, boolean][] = [
      ['two Slack webhooks in different workspaces share Slack', 'ops-slack', 'ops-slack-2', true],
      ['Mattermost and a webhook on different hosts', 'ops-mm', 'ops-hook', false],
      ['Teams and Slack', 'desk-teams', 'ops-slack', false],
      ['a webhook on the same domain as e-mail is compared by type only', 'desk-hook', 'ops-slack', false],
      ['two manual channels never share', 'ops-signal', 'ops-tree', false],
    ];
    for (const [label, first, second, shared] of table) {
      it(label, () => {
        const owner = (id: string) => contacts.find((c) => c.channels.some((ch) => ch.id === id))!.id;
        const levels = replace('alternate', at('alternate', owner(first), first));
        const contingency = levels.map((l) => (l.level === 'contingency' ? at('contingency', owner(second), second) : l));
        const found = paceWarnings(contingency, contacts, NOW).filter((w) => w.code === 'shared-infrastructure');
        assert.equal(found.length, shared ? 1 : 0, found.map((w) => w.message).join('\n'));
      });
    }
  });

  it('gives one warning per pair when three levels share a domain', () => {
    const levels = [
      at('primary', 'c-ingrid', 'ingrid-mail'),
      at('alternate', 'c-desk', 'desk-mail'),
      at('contingency', 'c-ingrid', 'ingrid-mail'),
      at('emergency', null, null, 'Go to the muster point'),
    ];
    const shared = paceWarnings(levels, contacts, NOW).filter((w) => w.code === 'shared-infrastructure');
    assert.deepEqual(
      shared.map((w) => w.level),
      ['alternate', 'contingency', 'contingency'],
    );
  });

  it('treats a test exactly 90 days old as fresh and one a day older as stale', () => {
    const on = (iso: string) =>
      paceWarnings(
        good,
        contacts.map((c) =>
          c.id === 'c-ingrid' ? { ...c, channels: c.channels.map((ch) => ({ ...ch, lastTestedAt: iso })) } : c,
        ),
        NOW,
      ).map((w) => w.code);
    assert.deepEqual(on('2026-03-03T12:00:00.000Z'), []);
    assert.deepEqual(on('2026-03-02T12:00:00.000Z'), ['stale-test', 'stale-test']);
  });

  describe('messages a team lead can act on', () => {
    it('names the level, contact and channel of an untested channel', () => {
      const [w] = paceWarnings(replace('alternate', at('alternate', 'c-desk', 'desk-voice')), contacts, NOW);
      assert.match(w.message, /^Alternate level: Havbris service desk's Voice call \+47 22 00 12 00 has never been tested/);
    });

    it('names both levels, both contacts and the shared domain', () => {
      const [w] = paceWarnings(replace('alternate', at('alternate', 'c-desk', 'desk-mail')), contacts, NOW);
      assert.match(w.message, /^Primary and Alternate levels both send e-mail to the domain havbris\.example/);
      assert.match(w.message, /Ingrid Solberg's E-mail Ingrid\.Solberg@Havbris\.example/);
      assert.match(w.message, /Havbris service desk's E-mail servicedesk@havbris\.EXAMPLE/);
      assert.match(w.message, /move the Alternate level/);
    });

    it('says when a stale channel was last tested and how long ago', () => {
      const [w] = paceWarnings(replace('alternate', at('alternate', 'c-ingrid', 'ingrid-old')), contacts, NOW);
      assert.match(w.message, /last tested on 2025-12-01, 182 days ago \(more than 90\)/);
    });

    it('names the missing level and the one it backs up', () => {
      const [w] = paceWarnings(replace('contingency', null), contacts, NOW);
      assert.match(w.message, /^No Contingency level: .* when the Alternate level fails/);
    });

    it('never shows a webhook secret', () => {
      const levels = replace('contingency', at('contingency', 'c-desk', 'desk-teams'));
      const withSlack = levels.map((l) => (l.level === 'alternate' ? at('alternate', 'c-ops', 'ops-slack') : l));
      const messages = paceWarnings(
        withSlack.map((l) => (l.level === 'emergency' ? at('emergency', 'c-ops', 'ops-slack-2') : l)),
        contacts,
        NOW,
      )
        .map((w) => w.message)
        .join('\n');
      assert.match(messages, /Slack webhook https:\/\/hooks\.slack\.com\/…/);
      assert.doesNotMatch(messages, /secret|T01|B02/);
    });
  });
});

describe('describeChannel', () => {
  const table: [string, Channel, string][] = [
    ['keeps an e-mail address', channel('a', 'email', 'dpo@havbris.example'), 'E-mail dpo@havbris.example'],
    ['keeps a phone number', channel('a', 'sms', '+47 912 34 567'), 'SMS +47 912 34 567'],
    ['keeps a manual instruction', channel('a', 'manual', 'Signal group "IR"'), 'Manual step: Signal group "IR"'],
    [
      'hides a webhook path and query',
      channel('a', 'webhook', 'https://x.example/h?sig=1'),
      'Signed webhook https://x.example/…',
    ],
    [
      'hides an unparseable webhook entirely',
      channel('a', 'teams', 'not a url secret'),
      'Teams webhook (webhook address hidden)',
    ],
    ['adds the label', { ...channel('a', 'voice', '+47 1234'), label: 'duty phone' }, 'Voice call +47 1234 (duty phone)'],
  ];
  for (const [label, ch, expected] of table) {
    it(label, () => assert.equal(describeChannel(ch), expected));
  }
});
