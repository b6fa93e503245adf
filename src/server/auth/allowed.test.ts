import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sessionAllowed } from './allowed.ts';
import type { Actor } from './policy.ts';

const actor = (role: Actor['role'], memberships: Actor['memberships'] = {}): Actor => ({
  id: 'u1',
  name: 'U',
  role,
  via: 'session',
  memberships,
});

// The HTTP test (allowed.routes.test.ts) tries every flag against the server once customers exist; before any
// does, incidents are filed without one and the user's own role decides.
describe('sessionAllowed', () => {
  it('lets a responder report without a customer only while no customer exists', () => {
    assert.equal(sessionAllowed(actor('responder'), { customersExist: false }).reportIncident, true);
    assert.equal(sessionAllowed(actor('responder'), { customersExist: true }).reportIncident, false);
  });

  it('lets a viewer report for a customer where they are a responder, never without one', () => {
    assert.equal(sessionAllowed(actor('viewer'), { customersExist: false }).reportIncident, false);
    assert.equal(sessionAllowed(actor('viewer', { c1: 'responder' }), { customersExist: true }).reportIncident, true);
    assert.equal(sessionAllowed(actor('viewer', { c1: 'viewer' }), { customersExist: true }).reportIncident, false);
  });

  it('lets an admin do everything, with or without customers', () => {
    for (const customersExist of [false, true]) {
      assert.ok(Object.values(sessionAllowed(actor('admin'), { customersExist })).every(Boolean));
    }
  });
});
