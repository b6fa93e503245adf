import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '../../shared/prepare-types.ts';
import { checkListLines, connectionsToCheck } from './check-list.ts';

const service = (id: string, name: string, connections: Partial<Service['connections'][number]>[]): Service =>
  ({
    id,
    name,
    connections: connections.map((c) => ({
      id: 'c',
      target: 't',
      direction: 'outbound',
      protocol: '',
      account: '',
      purpose: '',
      ...c,
    })),
  }) as Service;

describe('the "check these" list', () => {
  it('lists the affected services’ connections only, each id unique even where ids typed by hand repeat', () => {
    const services = [
      service('s1', 'Payroll', [{ id: 'db' }, { id: 'db', target: 'backup' }]),
      service('s2', 'Portal', [{ id: 'db', target: 'web' }]),
      service('s3', 'Not affected', [{ id: 'x' }]),
    ];
    const list = connectionsToCheck(services, ['s1', 's2']);
    assert.deepEqual(
      list.map((c) => [c.serviceName, c.connectionId, c.target]),
      [
        ['Payroll', 'db', 't'],
        ['Payroll', 'db~2', 'backup'],
        ['Portal', 'db~3', 'web'],
      ],
    );
  });

  it('words each connection on one line, leaving out what was not recorded', () => {
    const [full, bare] = connectionsToCheck(
      [
        service('s1', 'Payroll', [
          { id: 'a', target: 'sap', protocol: 'HTTPS/443', account: 'svc-pay', purpose: 'Salaries' },
          { id: 'b', target: 'ldap', direction: 'inbound' },
        ]),
      ],
      ['s1'],
    );
    assert.deepEqual(checkListLines([full, bare]), [
      '- Payroll → sap (outbound, HTTPS/443, account svc-pay) — Salaries',
      '- Payroll → ldap (inbound)',
    ]);
  });
});
