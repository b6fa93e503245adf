import { randomBytes } from 'node:crypto';
import type { PaceLevelName, PacePurpose } from '../../shared/prepare-types.ts';
import { countUsers } from '../auth/auth.queries.ts';
import { createUser } from '../auth/create-user.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { changeIncident } from '../incidents/change-incident.ts';
import { reportIncident } from '../incidents/report-incident.ts';
import { contractObligations } from '../obligations/obligation-library.ts';
import { publishPlan } from '../plans/publish-plan.ts';
import { anyRecordOfKind } from '../registry/records.queries.ts';
import { CONTACT, CUSTOMER, OBLIGATION, PACE_PLAN, ROSTER, SERVICE } from '../registry/registry-kinds.ts';
import { createRecord } from '../registry/save-record.ts';
import { type ContactSpec, DEMO_CUSTOMERS } from './demo-customers.ts';

// A believable organisation, made through the same use-cases as the API, so that a newcomer sees a full product
// in one command: our own team and the authorities, two customers with services, connections, contacts, PACE
// ladders, obligations and published plans, and a few incidents in different stages.

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const hoursAgo = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

export async function loadDemo(
  deps: Deps,
): Promise<{ email: string; password: string | null; customers: number; incidents: number }> {
  if (await anyRecordOfKind(deps.database.db, 'customer'))
    throw new AppError('conflict', 'This database already has customers: load the demo into an empty one (a new DATA_DIR)');
  const now = deps.clock.now();
  const actor = SYSTEM_ACTOR;

  let password: string | null = null;
  const email = 'demo-admin@muster.example';
  if ((await countUsers(deps.database.db)) === 0) {
    password = randomBytes(12).toString('base64url');
    await createUser(deps, actor, { email, name: 'Demo Admin', role: 'admin', password });
  }

  const tested = (days: number) => daysAgo(now, days);
  const contacts = new Map<string, { id: string; channels: { id: string; address: string }[] }>();
  async function contact(customerId: string | null, spec: ContactSpec, testedDaysAgo: number | null = 20) {
    const saved = await createRecord(deps, actor, CONTACT, customerId, {
      kind: spec.kind ?? 'person',
      name: spec.name,
      organisation: spec.organisation,
      role: spec.role,
      timeZone: 'Europe/Oslo',
      workingHours: spec.workingHours ?? 'Mon–Fri 08:00–16:00',
      notes: '',
      channels: spec.channels.map(([type, address, label]) => ({
        id: '',
        type,
        address,
        label: label ?? '',
        verified: true,
        lastTestedAt: testedDaysAgo === null ? null : tested(testedDaysAgo),
      })),
    });
    contacts.set(spec.key, saved);
    return saved;
  }
  const level = (name: PaceLevelName, key: string, channel = 0, note = '') => {
    const c = contacts.get(key)!;
    return { level: name, contactId: c.id, channelId: c.channels[channel].id, instruction: '', note };
  };
  const manual = (name: PaceLevelName, instruction: string) => ({ level: name, contactId: null, channelId: null, instruction });
  const ladder = (customerId: string | null, purpose: PacePurpose, levels: Record<string, unknown>[]) =>
    createRecord(deps, actor, PACE_PLAN, customerId, { purpose, levels } as never);

  // Our own organisation: the team, the authorities, default ladders and roster.
  await contact(null, {
    key: 'ingrid',
    name: 'Ingrid Hansen',
    role: 'Incident manager',
    organisation: 'Our CSIRT',
    workingHours: '',
    channels: [
      ['email', 'ingrid.hansen@csirt.example'],
      ['sms', '+4791234567'],
      ['voice', '+4791234567'],
    ],
  });
  await contact(null, {
    key: 'ola',
    name: 'Ola Nordmann',
    role: 'Security lead',
    organisation: 'Our CSIRT',
    channels: [
      ['email', 'ola.nordmann@csirt.example'],
      ['sms', '+4792345678'],
    ],
  });
  await contact(null, {
    key: 'sara',
    name: 'Sara Berg',
    role: 'IT operations',
    organisation: 'Our CSIRT',
    channels: [
      ['email', 'sara.berg@csirt.example'],
      ['mattermost', 'https://chat.csirt.example/hooks/ops', 'Ops channel'],
    ],
  });
  await contact(null, {
    key: 'duty',
    name: 'CSIRT duty phone',
    kind: 'function',
    role: 'On call, around the clock',
    organisation: 'Our CSIRT',
    workingHours: '',
    channels: [
      ['voice', '+4780012345'],
      ['sms', '+4780012345'],
    ],
  });
  await contact(
    null,
    {
      key: 'nsm',
      name: 'NSM NorCERT',
      kind: 'function',
      role: 'National CSIRT',
      organisation: 'Nasjonal sikkerhetsmyndighet',
      workingHours: '',
      channels: [
        ['email', 'norcert@cert.example'],
        ['voice', '+4723311000'],
      ],
    },
    120,
  );
  await contact(
    null,
    {
      key: 'datatilsynet',
      name: 'Datatilsynet',
      kind: 'function',
      role: 'Supervisory authority',
      organisation: 'Datatilsynet',
      channels: [['manual', 'Breach notification form at the authority’s website (Altinn)']],
    },
    null,
  );
  await createRecord(deps, actor, ROSTER, null, {
    entries: [
      { role: 'incident-manager' as const, people: [contacts.get('ingrid')!.id, contacts.get('ola')!.id] },
      { role: 'security-lead' as const, people: [contacts.get('ola')!.id] },
      { role: 'it-operations' as const, people: [contacts.get('sara')!.id] },
    ],
  });
  await ladder(null, 'coordinate-responders', [
    level('primary', 'sara', 1),
    level('alternate', 'ingrid', 1),
    level('contingency', 'duty', 0),
    manual('emergency', 'Meet at the muster point: the canteen on floor 2, or the car park if the building is closed'),
  ]);
  await ladder(null, 'notify-authority', [
    level('primary', 'nsm', 0),
    level('alternate', 'nsm', 1),
    manual('contingency', 'Use the authority’s web form from a laptop outside our network'),
  ]);

  const ids: { customerId: string; services: string[] }[] = [];
  for (const spec of DEMO_CUSTOMERS) {
    const customer = await createRecord(deps, actor, CUSTOMER, null, {
      name: spec.name,
      code: spec.code,
      description: spec.description,
      timeZone: 'Europe/Oslo',
      // A reported attack reaches the contact point by itself, within the contract's hour.
      firstReport: 'on-report',
    });
    for (const c of spec.contacts) await contact(customer.id, c, c.key.endsWith('-it') ? 130 : 10);
    const services = [];
    for (const s of spec.services) {
      services.push(
        (
          await createRecord(deps, actor, SERVICE, customer.id, {
            ...s,
            description: '',
            environment: 'production',
          } as never)
        ).id,
      );
    }
    const [primary, alternate, contingency] = spec.ladder;
    await ladder(customer.id, 'notify-customer', [
      level('primary', primary, 0),
      level('alternate', alternate, 1, 'Second address on the same mail domain: move to the contingency level if mail is down'),
      level('contingency', contingency, contacts.get(contingency)!.channels.length - 1),
      manual('emergency', `Drive to ${spec.name}'s office and ask for the duty manager`),
    ]);
    const dpo = contacts.get(`${spec.code === 'NLE' ? 'nle' : 'fjb'}-dpo`)!;
    const authority = contacts.get('datatilsynet')!;
    for (const libraryId of spec.library) {
      const recipient = libraryId.startsWith('gdpr-art-34')
        ? dpo.id
        : libraryId.startsWith('gdpr')
          ? authority.id
          : contacts.get('nsm')!.id;
      await createRecord(deps, actor, OBLIGATION, customer.id, {
        libraryId,
        enabled: true,
        recipientContactId: recipient,
        definition: null,
      } as never);
    }
    for (const definition of contractObligations({
      customerName: spec.name,
      hours: spec.contractHours,
      severityAtLeast: 'medium',
      immediatelyMinutes: 60,
    })) {
      await createRecord(deps, actor, OBLIGATION, customer.id, {
        libraryId: null,
        enabled: true,
        recipientContactId: contacts.get(primary)!.id,
        definition: definition as never,
      });
    }
    await publishPlan(deps, actor, customer.id, { owner: 'Ingrid Hansen', approver: `${spec.code} security forum` });
    ids.push({ customerId: customer.id, services });
  }

  // Incidents in different stages.
  const [nle, fjb] = ids;
  const phishing = await reportIncident(
    deps,
    actor,
    {
      title: 'Credential phishing aimed at Fjordbank advisers',
      description: 'Several advisers received a fake **Microsoft 365** sign-in page. One entered a password before reporting it.',
      customerId: fjb.customerId,
      serviceIds: [fjb.services[1]],
      origin: 'attack',
      category: 'fraud/phishing',
      awareAt: hoursAgo(now, 3),
    },
    'web',
  );
  await changeIncident(deps, actor, phishing.id, {
    type: 'transition',
    to: 'assessing',
    reason: 'A real phishing campaign, one account possibly compromised',
  });
  await changeIncident(deps, actor, phishing.id, {
    type: 'add-note',
    body: 'Password reset for the affected adviser; sign-in logs requested from the customer.',
  });

  const outage = await reportIncident(
    deps,
    actor,
    {
      title: 'Smart-meter readings delayed',
      description: 'Meter readings stopped arriving from the head-end system at 06:10.',
      customerId: nle.customerId,
      serviceIds: [nle.services[1]],
      origin: 'technical-failure',
      category: 'availability/outage',
      impact: { confidentiality: 'none', integrity: 'low', availability: 'high' },
      awareAt: hoursAgo(now, 6),
    },
    'web',
  );
  await changeIncident(deps, actor, outage.id, { type: 'transition', to: 'assessing', reason: 'Confirmed outage' });
  // The roster's incident manager leads it; she has no account in the demo, so the incident names her in words.
  await changeIncident(deps, actor, outage.id, {
    type: 'update',
    changes: { assignments: { 'incident-manager': 'Ingrid Hansen' } },
  });
  await changeIncident(deps, actor, outage.id, {
    type: 'transition',
    to: 'responding',
    reason: 'High availability impact on a critical service',
  });
  await changeIncident(deps, actor, outage.id, { type: 'record-milestone', milestone: 'contained', at: hoursAgo(now, 2) });

  await reportIncident(
    deps,
    actor,
    {
      title: 'Customer records visible to other portal users',
      description: 'A customer saw another household’s invoice after signing in.',
      customerId: nle.customerId,
      serviceIds: [nle.services[0]],
      origin: 'unknown',
      category: 'information-content-security/unauthorised-information-access',
      personalData: true,
      awareAt: hoursAgo(now, 1),
    },
    'web',
  );

  await reportIncident(
    deps,
    actor,
    {
      title: 'Exercise: ransomware on the loan application servers',
      description: 'Tabletop exercise with Fjordbank IT operations.',
      customerId: fjb.customerId,
      serviceIds: [fjb.services[1]],
      origin: 'attack',
      category: 'malicious-code/infected-system',
      exercise: true,
      // The tabletop began three hours ago: its "immediately" clock (an hour) shows what an overdue clock looks like.
      awareAt: hoursAgo(now, 3),
    },
    'web',
  );

  return { email, password, customers: DEMO_CUSTOMERS.length, incidents: 4 };
}
