import type { Connection } from '../../shared/prepare-types.ts';
import type { ConnectionFields, ServiceFields, StoredService } from './services-api.ts';

/** A connection row in the editor; rowKey keeps React's row identity for rows without a server id yet. */
export type ConnectionRow = ConnectionFields & { rowKey: string };

// A type, not an interface: form values are a plain record of fields (useRecordForm asks for one).
export type ServiceFormValues = Omit<ServiceFields, 'connections'> & {
  connections: ConnectionRow[];
};

let nextKey = 0;
const rowKey = () => `row-${++nextKey}`;

export const newConnectionRow = (): ConnectionRow => ({
  rowKey: rowKey(),
  target: '',
  direction: 'outbound',
  protocol: '',
  account: '',
  purpose: '',
});

export const EMPTY_SERVICE: ServiceFormValues = {
  name: '',
  description: '',
  criticality: 'medium',
  personalData: false,
  environment: 'production',
  owner: '',
  connections: [],
};

export function serviceFormValues(service: StoredService): ServiceFormValues {
  return {
    name: service.name,
    description: service.description,
    criticality: service.criticality,
    personalData: service.personalData,
    environment: service.environment,
    owner: service.owner,
    connections: service.connections.map((c: Connection) => ({ ...c, rowKey: c.id || rowKey() })),
  };
}

/** The API body: trimmed text, rows without their editor key. */
export function serviceFields(values: ServiceFormValues): ServiceFields {
  return {
    ...values,
    name: values.name.trim(),
    owner: values.owner.trim(),
    connections: values.connections.map(({ rowKey: _key, ...c }) => ({
      ...c,
      target: c.target.trim(),
      protocol: c.protocol.trim(),
      account: c.account.trim(),
      purpose: c.purpose.trim(),
    })),
  };
}

export const serviceValidation = {
  name: (v: string) => (v.trim() ? null : 'Give the service a name'),
  connections: {
    target: (v: string) => (v.trim() ? null : 'Name the other system, e.g. “ACME payroll (SAP)” or db01.acme.internal'),
  },
};
