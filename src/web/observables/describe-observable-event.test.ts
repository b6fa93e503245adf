import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { describeEvent } from '../incidents/describe-event.ts';

function event(type: string, data: Record<string, unknown>): TimelineEvent {
  return { type, data, occurredAt: '2026-11-23T16:00:00.000Z' } as unknown as TimelineEvent;
}

const of = { observableId: 'o1', type: 'domain', value: 'evil.example' };

describe('timeline wording for observables', () => {
  it('names what was added by its type, acronyms kept, and a repeated one as seen again', () => {
    const added = (type: string, value: string, again = false) =>
      describeEvent(
        event('observable.added', {
          ...of,
          type,
          value,
          tags: [],
          tlp: 'TLP:AMBER',
          description: '',
          seenAt: '2026-11-23T16:00:00.000Z',
          again,
        }),
      ).summary;
    assert.equal(added('ipv4', '203.0.113.9'), 'added the IPv4 address 203.0.113.9');
    assert.equal(added('domain', 'evil.example'), 'added the domain evil.example');
    assert.equal(added('email', 'a@evil.example'), 'added the e-mail address a@evil.example');
    assert.equal(added('sha256', 'ab'), 'added the SHA-256 hash ab');
    assert.equal(added('url', 'https://evil.example/', true), 'saw the URL https://evil.example/ again');
  });

  it('says when it was seen when that was not when it was recorded, and its tags', () => {
    const d = describeEvent(
      event('observable.added', {
        ...of,
        tags: ['c2'],
        tlp: 'TLP:GREEN',
        description: 'From the proxy log',
        seenAt: '2026-11-20T08:00:00.000Z',
        again: false,
      }),
    );
    assert.equal(d.details[0], 'TLP: TLP:GREEN');
    assert.equal(d.details[1], 'Tags: c2');
    assert.match(d.details[2], /^Seen /);
    assert.equal(d.details[3], 'From the proxy log');
  });

  it('lists what a change changed, and a removal', () => {
    const changed = describeEvent(
      event('observable.changed', { ...of, changes: { tags: ['c2'], tlp: 'TLP:RED' }, previous: { tags: [], tlp: 'TLP:AMBER' } }),
    );
    assert.equal(changed.summary, 'changed the domain evil.example');
    assert.deepEqual(changed.details, ['Tags: none → c2', 'TLP: TLP:AMBER → TLP:RED']);
    assert.equal(describeEvent(event('observable.removed', of)).summary, 'removed the domain evil.example');
  });
});
