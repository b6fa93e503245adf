import type { Channel, Contact, Service } from '../../shared/prepare-types.ts';

// The registry of the fixture's customer (see plan-fixture.ts): its contacts, with their channels, and its
// services, with their connections.

export const FIXTURE_CUSTOMER_ID = 'cust-havbris';

const CREATED = '2025-11-04T09:12:00.000Z';
const UPDATED = '2026-02-24T15:40:00.000Z';

export function fixtureMeta(id: string, version = 1) {
  return { id, version, createdAt: CREATED, updatedAt: UPDATED };
}

function channel(id: string, type: Channel['type'], address: string, label: string, lastTestedAt: string | null): Channel {
  return { id, type, address, label, verified: lastTestedAt !== null, lastTestedAt };
}

export function fixtureContacts(): Contact[] {
  const havbris = { customerId: FIXTURE_CUSTOMER_ID, organisation: 'Havbris Energi AS', timeZone: 'Europe/Oslo' };
  const kystlys = { customerId: null, organisation: 'Kystlys Digital AS', timeZone: 'Europe/Oslo' };
  return [
    {
      ...fixtureMeta('con-ingrid-solberg', 4),
      ...havbris,
      kind: 'person',
      name: 'Ingrid Solberg',
      role: 'Customer contact point (Head of IT)',
      workingHours: 'Mon–Fri 08:00–16:00',
      channels: [
        channel('ch-ingrid-mail', 'email', 'ingrid.solberg@havbris.example', 'work', '2026-02-10T08:05:00.000Z'),
        channel('ch-ingrid-sms', 'sms', '+47 912 34 567', 'work mobile', '2026-02-10T08:07:00.000Z'),
        channel('ch-ingrid-voice', 'voice', '+47 912 34 567', 'work mobile', '2025-09-15T10:30:00.000Z'),
      ],
      notes: 'On call for Havbris IT in odd-numbered weeks; outside working hours in even weeks call the service desk.',
    },
    {
      ...fixtureMeta('con-havbris-servicedesk', 2),
      ...havbris,
      kind: 'function',
      name: 'Havbris IT service desk',
      role: 'Customer IT operations (24/7)',
      workingHours: '',
      channels: [
        channel('ch-desk-voice', 'voice', '+47 22 00 12 00', 'duty line', '2026-02-10T08:15:00.000Z'),
        channel('ch-desk-mail', 'email', 'servicedesk@havbris.example', '', '2026-02-10T08:16:00.000Z'),
        channel(
          'ch-desk-teams',
          'teams',
          'https://havbris.webhook.office.com/webhookb2/7f3c9e1a-IT-DRIFT/IncomingWebhook/0d5b',
          'IT-drift channel',
          null,
        ),
      ],
      notes: 'Ask for the duty IT manager and give the incident key. The desk can isolate network segments on instruction.',
    },
    {
      ...fixtureMeta('con-marte-lunde'),
      ...havbris,
      kind: 'person',
      name: 'Marte Lunde',
      role: 'Data protection officer',
      workingHours: 'Mon–Thu 09:00–15:00',
      channels: [
        channel('ch-marte-mail', 'email', 'personvern@havbris.example', 'DPO mailbox', '2026-01-20T12:00:00.000Z'),
        channel('ch-marte-voice', 'voice', '+47 934 56 789', '', '2026-01-20T12:02:00.000Z'),
      ],
      notes: 'Decides, with Havbris legal, whether Havbris notifies Datatilsynet; we prepare the facts.',
    },
    {
      ...fixtureMeta('con-datatilsynet', 3),
      customerId: null,
      organisation: 'Datatilsynet (Norwegian Data Protection Authority)',
      timeZone: 'Europe/Oslo',
      kind: 'function',
      name: 'Datatilsynet',
      role: 'Supervisory authority',
      workingHours: '',
      channels: [
        channel(
          'ch-datatilsynet-form',
          'manual',
          'Submit the personal data breach form on datatilsynet.no (log in through Altinn); write down the receipt number',
          'breach form',
          '2026-01-15T10:00:00.000Z',
        ),
        channel('ch-datatilsynet-mail', 'email', 'postkasse@datatilsynet.example', 'general mailbox', '2025-06-03T09:00:00.000Z'),
      ],
      notes: 'The form can be submitted in stages: send what is known within 72 hours and add the rest later.',
    },
    {
      ...fixtureMeta('con-jonas-berg', 2),
      ...kystlys,
      kind: 'person',
      name: 'Jonas Berg',
      role: 'Incident manager',
      workingHours: 'Mon–Fri 08:00–17:00; on call every other week',
      channels: [
        channel('ch-jonas-mail', 'email', 'jonas.berg@kystlys.example', '', '2026-02-12T07:30:00.000Z'),
        channel('ch-jonas-sms', 'sms', '+47 415 55 010', '', '2026-02-12T07:31:00.000Z'),
        channel(
          'ch-jonas-slack',
          'slack',
          'https://hooks.slack.com/services/T0KYSTLYS/B0IRDUTY/q8ZsR2vNw',
          '#ir-duty',
          '2026-02-12T07:32:00.000Z',
        ),
        channel(
          'ch-jonas-signal',
          'manual',
          'Signal group "Kystlys IR" (members listed on the roster page)',
          'Signal',
          '2026-02-12T07:35:00.000Z',
        ),
      ],
      notes: '',
    },
    {
      ...fixtureMeta('con-sara-haugen'),
      ...kystlys,
      kind: 'person',
      name: 'Sara Haugen',
      role: 'Security lead',
      workingHours: 'Mon–Fri 08:30–16:30',
      channels: [
        channel('ch-sara-mail', 'email', 'sara.haugen@kystlys.example', '', '2026-02-12T07:40:00.000Z'),
        channel('ch-sara-voice', 'voice', '+47 415 55 020', '', '2026-02-12T07:41:00.000Z'),
        channel(
          'ch-sara-slack',
          'slack',
          'https://hooks.slack.com/services/T0KYSTLYS/B0SECLEAD/Xb4kP0mQe',
          '#sec-lead',
          '2026-02-12T07:42:00.000Z',
        ),
      ],
      notes: 'Holds the evidence drive and the offline copy of this binder.',
    },
  ];
}

export function fixtureServices(): Service[] {
  const base = { customerId: FIXTURE_CUSTOMER_ID, environment: 'production' as const };
  return [
    {
      ...fixtureMeta('svc-min-side', 5),
      ...base,
      name: 'Min side customer portal',
      description: 'Self-service portal where 180,000 household customers see contracts, invoices and consumption.',
      criticality: 'high',
      personalData: true,
      owner: 'Havbris digital channels team',
      connections: [
        {
          id: 'conn-minside-crm',
          target: 'Havbris CRM (Dynamics 365, havbris.crm4.dynamics.example)',
          direction: 'outbound',
          protocol: 'HTTPS/443',
          account: 'App registration "minside-crm-prod" (client secret, rotated every 180 days)',
          purpose: 'Read and update customer records and contracts',
        },
        {
          id: 'conn-minside-idp',
          target: 'BankID login broker (idp.havbris.example)',
          direction: 'outbound',
          protocol: 'HTTPS/443 (OIDC)',
          account: 'OIDC client "havbris-minside"',
          purpose: 'Customer login',
        },
        {
          id: 'conn-minside-waf',
          target: 'CDN and web application firewall',
          direction: 'inbound',
          protocol: 'HTTPS/443',
          account: 'None (public traffic); origin certificate CN=minside.havbris.example',
          purpose: 'All customer traffic reaches the portal through the WAF',
        },
      ],
    },
    {
      ...fixtureMeta('svc-meter-hub', 3),
      ...base,
      name: 'Metering data integration',
      description: 'Exchanges hourly metering values and customer switches with the national metering data hub.',
      criticality: 'critical',
      personalData: true,
      owner: 'Kystlys Digital, integration team',
      connections: [
        {
          id: 'conn-meter-hub',
          target: 'National metering data hub (market messages)',
          direction: 'both',
          protocol: 'HTTPS/443 with mutual TLS',
          account: 'Client certificate CN=havbris-meter-prod (expires 2026-11-30)',
          purpose: 'Send and receive metering values, customer switches and settlement data',
        },
        {
          id: 'conn-meter-sftp',
          target: 'sftp.havbris.example (billing drop zone)',
          direction: 'outbound',
          protocol: 'SFTP/22',
          account: 'User "meterdata-sync", ed25519 key on the integration server',
          purpose: 'Deliver daily consumption files to billing',
        },
        {
          id: 'conn-meter-db',
          target: 'db01.havbris.internal (PostgreSQL)',
          direction: 'outbound',
          protocol: 'PostgreSQL/5432',
          account: 'Database role "meterhub_rw"',
          purpose: 'Store message history and metering values',
        },
      ],
    },
    {
      ...fixtureMeta('svc-field-app', 2),
      ...base,
      name: 'Field service app backend',
      description: 'Work orders and meter replacement jobs for 40 field technicians.',
      criticality: 'medium',
      personalData: false,
      owner: 'Havbris operations',
      connections: [
        {
          id: 'conn-field-entra',
          target: 'Havbris Entra ID tenant (havbris.onmicrosoft.example)',
          direction: 'outbound',
          protocol: 'HTTPS/443',
          account: 'App registration "fieldapp-prod" (certificate credential)',
          purpose: 'Technician sign-in and group lookups',
        },
        {
          id: 'conn-field-historian',
          target: 'Grid historian read replica (historian-ro.havbris.internal)',
          direction: 'outbound',
          protocol: 'HTTPS/443',
          account: 'Read-only account "pi-reader-fieldapp"',
          purpose: 'Show recent readings for the meter being replaced',
        },
      ],
    },
  ];
}
