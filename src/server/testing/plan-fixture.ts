import { hash } from 'node:crypto';
import type {
  Contact,
  CustomerObligation,
  ObligationDefinition,
  PaceLevel,
  PacePlan,
  PacePurpose,
  PlanSnapshot,
  PlanVersion,
  Playbook,
} from '../../shared/prepare-types.ts';
import { canonicalJson } from '../core/events/hash-chain.ts';
import { contractObligations, GDPR_ART_33, NIS2_ART_23 } from '../obligations/obligation-library.ts';
import { describeChannel, paceWarnings } from '../pace/pace-warnings.ts';
import { PERSONAL_DATA_BREACH } from '../playbooks/library/personal-data-breach.ts';
import { RANSOMWARE } from '../playbooks/library/ransomware.ts';
import type { Playbook as LibraryPlaybook } from '../playbooks/playbook.ts';
import { FIXTURE_CUSTOMER_ID, fixtureContacts, fixtureMeta, fixtureServices } from './plan-fixture-registry.ts';

// A published contingency plan for a believable customer: a Norwegian energy retailer (Havbris Energi AS) whose
// solutions are built and run by a delivery team (Kystlys Digital AS). Tests, the demo data and the offline kit's
// examples use it. E-mail and web addresses use the reserved .example domain and phone numbers are made up, so a
// demo or an exercise can never reach a real person or authority. The PACE ladders carry real flaws (a shared
// provider, a shared phone, a missing level, untested and stale channels) so the warnings have something to say.

/** The moment the plan was published; the PACE warnings are computed against it. */
export const FIXTURE_PUBLISHED_AT = '2026-03-02T13:30:00.000Z';

function obligation(
  id: string,
  definition: ObligationDefinition,
  libraryId: string | null,
  enabled: boolean,
  recipientContactId: string | null,
): CustomerObligation {
  return { ...fixtureMeta(id), customerId: FIXTURE_CUSTOMER_ID, libraryId, enabled, recipientContactId, definition };
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
    ...fixtureMeta(id, 2),
    customerId,
    purpose,
    levels,
    warnings: paceWarnings(levels, people, at),
  }));
}

function customerPlaybook(id: string, source: LibraryPlaybook, version: number): Playbook {
  return {
    ...fixtureMeta(id, version),
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
  const people = fixtureContacts();
  return {
    customer: {
      ...fixtureMeta(FIXTURE_CUSTOMER_ID, 3),
      name: 'Havbris Energi AS',
      code: 'HAVB',
      description: 'Electricity retailer on the west coast of Norway, 180,000 household and 6,000 business customers.',
      timeZone: 'Europe/Oslo',
    },
    services: fixtureServices(),
    contacts: people,
    roster: {
      ...fixtureMeta('roster-havbris', 3),
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
