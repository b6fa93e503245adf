import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, GENESIS_HASH, hashEvent, verifyChain } from './hash-chain.ts';

function chain(n: number) {
  const events = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = {
      streamId: 's',
      seq,
      type: 'note.added',
      actor: { id: 'u', name: 'U' },
      occurredAt: 't',
      recordedAt: 't',
      data: { body: `n${seq}` },
      prevHash,
    };
    const hash = hashEvent(fields);
    events.push({ ...fields, hash });
    prevHash = hash;
  }
  return events;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth so equal values hash equally', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const events = chain(5);
    assert.deepEqual(verifyChain(events, { version: 5, head: events[4].hash }), { valid: true, count: 5, head: events[4].hash });
  });
  it('finds the first altered event', () => {
    const events = chain(5);
    events[2] = { ...events[2], data: { body: 'rewritten' } };
    const verdict = verifyChain(events);
    assert.equal(verdict.valid, false);
    assert.equal(verdict.firstInvalidSeq, 3);
  });
  it('finds a re-hashed event by the broken link after it', () => {
    const events = chain(5);
    const altered = { ...events[1], data: { body: 'rewritten' } };
    events[1] = { ...altered, hash: hashEvent(altered) };
    assert.equal(verifyChain(events).firstInvalidSeq, 3);
  });
  it('finds a removed event', () => {
    const events = chain(5);
    events.splice(1, 1);
    assert.equal(verifyChain(events).firstInvalidSeq, 2);
  });
  it('finds events cut off the end using the expected head', () => {
    const events = chain(5);
    const verdict = verifyChain(events.slice(0, 4), { version: 5, head: events[4].hash });
    assert.equal(verdict.valid, false);
    assert.equal(verdict.firstInvalidSeq, 5);
  });
});
