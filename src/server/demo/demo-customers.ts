import type { ChannelType } from '../../shared/prepare-types.ts';

// The demo organisation's two customers, as data: who they are, their services with connections, their contacts,
// which contact each level of the "notify the customer" ladder uses, and which obligations apply to them.

export type ChannelSpec = [ChannelType, string, string?];
export interface ContactSpec {
  key: string;
  name: string;
  role: string;
  organisation: string;
  kind?: 'person' | 'function';
  workingHours?: string;
  channels: ChannelSpec[];
}

export const DEMO_CUSTOMERS = [
  {
    name: 'Nordlys Energi AS',
    code: 'NLE',
    description: 'Regional power distribution. We build and run the customer portal and the smart-meter data platform.',
    contacts: [
      {
        key: 'nle-soc',
        name: 'Nordlys security operations',
        kind: 'function',
        role: 'Customer contact point',
        organisation: 'Nordlys Energi AS',
        workingHours: '',
        channels: [
          ['email', 'soc@nordlys-energi.example'],
          ['email', 'security@nordlys-energi.example'],
          ['voice', '+4773000111'],
        ],
      },
      {
        key: 'nle-dpo',
        name: 'Marte Lie',
        role: 'Data protection officer',
        organisation: 'Nordlys Energi AS',
        channels: [['email', 'personvern@nordlys-energi.example']],
      },
      {
        key: 'nle-it',
        name: 'Per Aas',
        role: 'IT manager',
        organisation: 'Nordlys Energi AS',
        channels: [
          ['email', 'per.aas@nordlys-energi.example'],
          ['sms', '+4793000222'],
        ],
      },
    ] as ContactSpec[],
    services: [
      {
        name: 'Customer portal',
        criticality: 'high',
        personalData: true,
        owner: 'Per Aas',
        connections: [
          {
            target: 'Billing system (SAP IS-U)',
            direction: 'outbound',
            protocol: 'HTTPS/443',
            account: 'svc-portal-billing (client certificate)',
            purpose: 'Invoices and payment status',
          },
          {
            target: 'ID-porten',
            direction: 'outbound',
            protocol: 'OIDC over HTTPS/443',
            account: 'client id nle-portal',
            purpose: 'Customer sign-in',
          },
        ],
      },
      {
        name: 'Smart-meter data platform',
        criticality: 'critical',
        personalData: true,
        owner: 'Per Aas',
        connections: [
          {
            target: 'Head-end system (meter network)',
            direction: 'inbound',
            protocol: 'MQTT/8883',
            account: 'per-meter certificates',
            purpose: 'Meter readings',
          },
          {
            target: 'Elhub',
            direction: 'outbound',
            protocol: 'SFTP/22',
            account: 'elhub-nle (SSH key)',
            purpose: 'Settlement data',
          },
          {
            target: 'Ops jump host',
            direction: 'inbound',
            protocol: 'SSH/22',
            account: 'named admin accounts',
            purpose: 'Administration',
          },
        ],
      },
    ],
    ladder: ['nle-soc', 'nle-soc', 'nle-it'],
    library: ['gdpr-art-33', 'gdpr-art-34', 'nis2-art-23', 'no-digital-security-act'],
    contractHours: 4,
  },
  {
    name: 'Fjordbank ASA',
    code: 'FJB',
    description: 'Savings bank. We develop and operate the mobile bank back end and the loan application service.',
    contacts: [
      {
        key: 'fjb-ciso',
        name: 'Henrik Dahl',
        role: 'CISO, customer contact point',
        organisation: 'Fjordbank ASA',
        workingHours: '',
        channels: [
          ['email', 'henrik.dahl@fjordbank.example'],
          ['sms', '+4794000333'],
          ['teams', 'https://fjordbank.webhook.office.com/webhookb2/security'],
        ],
      },
      {
        key: 'fjb-dpo',
        name: 'Nora Vik',
        role: 'Data protection officer',
        organisation: 'Fjordbank ASA',
        channels: [['email', 'dpo@fjordbank.example']],
      },
      {
        key: 'fjb-ops',
        name: 'Fjordbank IT operations',
        kind: 'function',
        role: 'IT operations',
        organisation: 'Fjordbank ASA',
        workingHours: '',
        channels: [
          ['email', 'itdrift@fjordbank.example'],
          ['voice', '+4755000444'],
        ],
      },
    ] as ContactSpec[],
    services: [
      {
        name: 'Mobile bank back end',
        criticality: 'critical',
        personalData: true,
        owner: 'Henrik Dahl',
        connections: [
          {
            target: 'Core banking (Evry)',
            direction: 'outbound',
            protocol: 'HTTPS/443 over VPN',
            account: 'svc-mobile-core',
            purpose: 'Accounts and payments',
          },
          {
            target: 'BankID',
            direction: 'outbound',
            protocol: 'HTTPS/443',
            account: 'merchant certificate',
            purpose: 'Strong authentication',
          },
        ],
      },
      {
        name: 'Loan application service',
        criticality: 'medium',
        personalData: true,
        owner: 'Nora Vik',
        connections: [
          {
            target: 'Credit bureau API',
            direction: 'outbound',
            protocol: 'HTTPS/443',
            account: 'api key in vault',
            purpose: 'Credit checks',
          },
        ],
      },
    ],
    ladder: ['fjb-ciso', 'fjb-ciso', 'fjb-ops'],
    library: ['gdpr-art-33', 'gdpr-art-34', 'dora-major-ict-incident'],
    contractHours: 2,
  },
];
