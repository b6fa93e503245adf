import { hash } from 'node:crypto';
import type {
  Channel,
  Contact,
  CustomerObligation,
  ObligationDefinition,
  PaceLevel,
  PacePlan,
  PacePurpose,
  PlanSnapshot,
  PlanVersion,
  Playbook,
  Service,
} from '../../shared/prepare-types.ts';
import { canonicalJson } from '../core/events/hash-chain.ts';
import { contractObligations, GDPR_ART_33, NIS2_ART_23 } from '../obligations/obligation-library.ts';
import { describeChannel, paceWarnings } from '../pace/pace-warnings.ts';
import { PERSONAL_DATA_BREACH } from '../playbooks/library/personal-data-breach.ts';
import { RANSOMWARE } from '../playbooks/library/ransomware.ts';
import type { Playbook as LibraryPlaybook } from '../playbooks/playbook.ts';

// A published contingency plan for a believable customer: a Norwegian energy retailer (Havbris Energi AS) whose
// solutions are built and run by a delivery team (Kystlys Digital AS). Tests, the demo data and the offline kit's
// examples use it. E-mail and web addresses use the reserved .example domain and phone numbers are made up, so a
// demo or an exercise can never reach a real person or authority. The PACE ladders carry real flaws (a shared
// provider, a shared phone, a missing level, untested and stale channels) so the warnings have something to say.

export const FIXTURE_CUSTOMER_ID = 'cust-havbris';
/** The moment the plan was published; the PACE warnings are computed against it. */
export const FIXTURE_PUBLISHED_AT = '2026-03-02T13:30:00.000Z';

const CREATED = '2025-11-04T09:12:00.000Z';
const UPDATED = '2026-02-24T15:40:00.000Z';

function meta(id: string, version = 1) {
  return { id, version, createdAt: CREATED, updatedAt: UPDATED };
}

function channel(id: string, type: Channel['type'], address: string, label: string, lastTestedAt: string | null): Channel {
  return { id, type, address, label, verified: lastTestedAt !== null, lastTestedAt };
}

function contacts(): Contact[] {
  const havbris = { customerId: FIXTURE_CUSTOMER_ID, organisation: 'Havbris Energi AS', timeZone: 'Europe/Oslo' };
  const kystlys = { customerId: null, organisation: 'Kystlys Digital AS', timeZone: 'Europe/Oslo' };
  return [
    {
      ...meta('con-ingrid-solberg', 4),
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
      ...meta('con-havbris-servicedesk', 2),
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
      ...meta('con-marte-lunde'),
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
      ...meta('con-datatilsynet', 3),
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
      ...meta('con-jonas-berg', 2),
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
      ...meta('con-sara-haugen'),
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

function services(): Service[] {
  const base = { customerId: FIXTURE_CUSTOMER_ID, environment: 'production' as const };
  return [
    {
      ...meta('svc-min-side', 5),
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
      ...meta('svc-meter-hub', 3),
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
      ...meta('svc-field-app', 2),
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

function obligation(
  id: string,
  definition: ObligationDefinition,
  libraryId: string | null,
  enabled: boolean,
  recipientContactId: string | null,
): CustomerObligation {
  return { ...meta(id), customerId: FIXTURE_CUSTOMER_ID, libraryId, enabled, recipientContactId, definition };
}

function obligations(): CustomerObligation[] {
  const [within4h, attackImmediately] = contractObligations({
    customerName: 'Havbris Energi',
    hours: 4,
    severityAtLeast: 'medium',
  });
  const contract = (o: ObligationDefinition): ObligationDefinition => ({
    ...o,
    source: { citation: 'Operations agreement Havbris–Kystlys, appendix 4 (security), section 4.2' },
  });
  return [
    obligation('obl-havbris-gdpr-33', structuredClone(GDPR_ART_33), GDPR_ART_33.id, true, 'con-datatilsynet'),
    obligation('obl-havbris-contract-4h', contract(within4h), null, true, 'con-ingrid-solberg'),
    obligation('obl-havbris-contract-attack', contract(attackImmediately), null, true, 'con-ingrid-solberg'),
    obligation('obl-havbris-nis2', structuredClone(NIS2_ART_23), NIS2_ART_23.id, false, null),
  ];
}

const STANDARD = { noAckMinutes: 15, onDeliveryFailure: true, onChannelCompromised: true };

function level(
  name: PaceLevel['level'],
  contactId: string | null,
  channelId: string | null,
  moveOn: PaceLevel['moveOn'],
  note = '',
  instruction = '',
): PaceLevel {
  return { level: name, contactId, channelId, instruction, moveOn, note };
}

function pacePlans(people: Contact[]): PacePlan[] {
  const plans: [string, PacePurpose, string | null, PaceLevel[]][] = [
    [
      'pace-havbris-notify-customer',
      'notify-customer',
      FIXTURE_CUSTOMER_ID,
      [
        level('primary', 'con-ingrid-solberg', 'ch-ingrid-mail', STANDARD, 'Subject starts with the incident key.'),
        level('alternate', 'con-ingrid-solberg', 'ch-ingrid-sms', { ...STANDARD, noAckMinutes: 10 }),
        level(
          'contingency',
          'con-havbris-servicedesk',
          'ch-desk-voice',
          { ...STANDARD, noAckMinutes: 10 },
          'Ask for the duty IT manager.',
        ),
        level('emergency', 'con-havbris-servicedesk', 'ch-desk-teams', {
          noAckMinutes: null,
          onDeliveryFailure: false,
          onChannelCompromised: false,
        }),
      ],
    ],
    [
      'pace-default-coordinate',
      'coordinate-responders',
      null,
      [
        level('primary', 'con-jonas-berg', 'ch-jonas-slack', { ...STANDARD, noAckMinutes: 5 }),
        level('alternate', 'con-sara-haugen', 'ch-sara-slack', { ...STANDARD, noAckMinutes: 5 }),
        level(
          'contingency',
          'con-jonas-berg',
          'ch-jonas-signal',
          { ...STANDARD, noAckMinutes: 30 },
          'Use if Slack or our tenant may be compromised.',
        ),
        level(
          'emergency',
          null,
          null,
          { noAckMinutes: null, onDeliveryFailure: false, onChannelCompromised: false },
          'Bring the binder and laptops from the offline cabinet.',
          'Meet in person at the Kystlys office, Strandkaien 2, Bergen, meeting room "Fjell"; first on site phones the others.',
        ),
      ],
    ],
    [
      'pace-havbris-notify-authority',
      'notify-authority',
      FIXTURE_CUSTOMER_ID,
      [
        level(
          'primary',
          'con-datatilsynet',
          'ch-datatilsynet-form',
          { ...STANDARD, noAckMinutes: 60 },
          'Havbris is the controller: submit with or for them.',
        ),
        level('alternate', 'con-datatilsynet', 'ch-datatilsynet-mail', { ...STANDARD, noAckMinutes: 240 }),
        level(
          'emergency',
          null,
          null,
          { noAckMinutes: null, onDeliveryFailure: false, onChannelCompromised: false },
          'Keep the postal receipt with the incident records.',
          'Send the notification by registered post to Datatilsynet and phone the authority the same day.',
        ),
      ],
    ],
    [
      'pace-havbris-inform-management',
      'inform-management',
      FIXTURE_CUSTOMER_ID,
      [
        level('primary', 'con-ingrid-solberg', 'ch-ingrid-voice', { ...STANDARD, noAckMinutes: 30 }),
        level('alternate', 'con-ingrid-solberg', 'ch-ingrid-sms', { ...STANDARD, noAckMinutes: 30 }),
        level('contingency', 'con-marte-lunde', 'ch-marte-voice', { ...STANDARD, noAckMinutes: 60 }),
        level(
          'emergency',
          null,
          null,
          { noAckMinutes: null, onDeliveryFailure: false, onChannelCompromised: false },
          '',
          'Go to Havbris head office, Kaigata 4, Nordvik, and ask reception for the CEO’s office.',
        ),
      ],
    ],
  ];
  const at = new Date(FIXTURE_PUBLISHED_AT);
  return plans.map(([id, purpose, customerId, levels]) => ({
    ...meta(id, 2),
    customerId,
    purpose,
    levels,
    warnings: paceWarnings(levels, people, at),
  }));
}

function customerPlaybook(id: string, source: LibraryPlaybook, version: number): Playbook {
  return {
    ...meta(id, version),
    customerId: FIXTURE_CUSTOMER_ID,
    basedOn: source.id,
    slug: source.id,
    name: source.name,
    summary: source.summary,
    categories: [...source.categories],
    steps: structuredClone(source.steps),
  };
}

/** The snapshot a published plan freezes, built fresh on every call so a test may change it freely. */
export function planSnapshotFixture(): PlanSnapshot {
  const people = contacts();
  return {
    customer: {
      ...meta(FIXTURE_CUSTOMER_ID, 3),
      name: 'Havbris Energi AS',
      code: 'HAVB',
      description: 'Electricity retailer on the west coast of Norway, 180,000 household and 6,000 business customers.',
      timeZone: 'Europe/Oslo',
    },
    services: services(),
    contacts: people,
    roster: {
      ...meta('roster-havbris', 3),
      customerId: FIXTURE_CUSTOMER_ID,
      entries: [
        { role: 'incident-manager', people: ['con-jonas-berg', 'con-sara-haugen'] },
        { role: 'deputy', people: ['con-sara-haugen'] },
        { role: 'security-lead', people: ['con-sara-haugen', 'con-jonas-berg'] },
        { role: 'it-operations', people: ['con-ingrid-solberg'] },
        { role: 'legal', people: ['con-marte-lunde'] },
        { role: 'customer-liaison', people: ['con-jonas-berg', 'con-sara-haugen'] },
        { role: 'scribe', people: [] },
      ],
    },
    obligations: obligations(),
    pacePlans: pacePlans(people),
    playbooks: [
      customerPlaybook('pb-havbris-ransomware', RANSOMWARE, 2),
      customerPlaybook('pb-havbris-data-breach', PERSONAL_DATA_BREACH, 1),
    ],
  };
}

/** Version 3 of Havbris Energi's contingency plan, with the SHA-256 of its snapshot computed as on publishing. */
export function planFixture(): PlanVersion {
  const snapshot = planSnapshotFixture();
  return {
    id: 'plan-havbris-v3',
    customerId: FIXTURE_CUSTOMER_ID,
    version: 3,
    owner: 'Jonas Berg, incident manager (Kystlys Digital)',
    approver: 'Ingrid Solberg, Head of IT (Havbris Energi)',
    publishedAt: FIXTURE_PUBLISHED_AT,
    publishedBy: 'jonas.berg@kystlys.example',
    reviewBy: '2026-09-01',
    sha256: hash('sha256', canonicalJson(snapshot)),
    reviewOverdue: false,
    fromReviews: [],
    snapshot,
  };
}

/** Every level of every ladder as the kit must show it: who, and the channel or the manual instruction. */
export function ladderEntries(plan: PlanVersion): { who: string | null; how: string }[] {
  const contacts = new Map(plan.snapshot.contacts.map((c) => [c.id, c]));
  return plan.snapshot.pacePlans.flatMap((p) =>
    p.levels.map((l) => {
      const contact = l.contactId ? contacts.get(l.contactId) : undefined;
      const channel = contact?.channels.find((c) => c.id === l.channelId);
      return { who: contact?.name ?? null, how: channel ? describeChannel(channel) : l.instruction };
    }),
  );
}
