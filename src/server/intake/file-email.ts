import type { Contact } from '../../shared/prepare-types.ts';
import { type Actor, SYSTEM_ACTOR } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { IntakeConfig } from '../core/config.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { findEvidenceByHash } from '../evidence/evidence.queries.ts';
import { safeEvidenceName } from '../evidence/evidence-content.ts';
import {
  evidenceAddedEvent,
  type NewEvidence,
  recordEvidenceOnTimeline,
  sha256Hex,
  storeEvidence,
} from '../evidence/store-evidence.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { decide } from '../incidents/incident.ts';
import { resolveIncidentCustomer } from '../incidents/incident-customer.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { reportIncidentIn } from '../incidents/report-incident.ts';
import { listRecords } from '../registry/records.queries.ts';
import { feedTriage } from '../triage/feed-triage.ts';

/** A message as the listener parsed it: valid MIME with a sender address. */
export interface InboundEmail {
  from: { address: string; name: string };
  /** '' when the message has none. */
  subject: string;
  /** The plain text (converted from HTML for HTML-only mail), line breaks normalised. */
  text: string;
  attachments: { name: string; contentType: string; content: Buffer }[];
  /** Sent by a program (Auto-Submitted, Precedence: bulk): an out-of-office reply, a bounce, a newsletter. */
  automatic: boolean;
  /** The message exactly as received: kept as evidence, for its headers (Received, DKIM-Signature) and its parts. */
  raw: Buffer;
}

export type EmailOutcome =
  | { kind: 'incident'; incidentId: string; key: string }
  | { kind: 'note'; incidentId: string; key: string }
  | { kind: 'triage'; triageItemId: string }
  | { kind: 'duplicate' };

const KEY_IN_SUBJECT = /INC-\d{4}-\d{4,}/i;
const TITLE_MAX = 300;
const TEXT_MAX = 100_000;
const TRUNCATED = '\n\n[Truncated: the whole message is kept as the evidence item message.eml.]';

/** Who a sender is to us. From: is not authenticated here: the MTA in front must enforce DMARC (docs/email-intake.md). */
interface SenderTrust {
  /** Our own organisation: an allowed domain or a contact of no customer. Its replies may reach any incident. */
  organisation: boolean;
  /** The customers whose contacts use this address. */
  customers: string[];
}

async function senderTrust(deps: Deps, intake: Pick<IntakeConfig, 'allowedDomains'>, address: string): Promise<SenderTrust> {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  let organisation = intake.allowedDomains.includes(domain);
  const customers = new Set<string>();
  // Contacts are few (tens to hundreds) and their channels live inside the JSON, so they are matched here.
  for (const row of await listRecords(deps.database.db, { kind: 'contact', visible: null })) {
    const contact = JSON.parse(row.data) as Pick<Contact, 'channels'>;
    if (!contact.channels?.some((c) => c.type === 'email' && c.address.trim().toLowerCase() === address)) continue;
    if (row.customer_id === null) organisation = true;
    else customers.add(row.customer_id);
  }
  return { organisation, customers: [...customers] };
}

/**
 * Files one received message, all or nothing in one transaction: a reply carrying an incident key from someone
 * trusted for that incident becomes a note on it; a report from a trusted sender becomes an incident; anything
 * else waits in the triage queue. Attachments and the message itself become evidence where the text went.
 * A message received before (the same bytes: a sender retrying after a lost reply) is not filed again.
 */
export async function fileEmail(
  deps: Deps,
  intake: Pick<IntakeConfig, 'allowedDomains'>,
  email: InboundEmail,
): Promise<EmailOutcome> {
  const sender = email.from.address.toLowerCase();
  const trust = await senderTrust(deps, intake, sender);
  const trusted = trust.organisation || trust.customers.length > 0;
  // The timeline names the address only for trusted senders; an unknown sender's claim stays in the reporter field.
  const actor: Actor = { ...SYSTEM_ACTOR, id: 'email-intake', name: trusted ? `E-mail intake (${sender})` : 'E-mail intake' };
  const key = email.subject.match(KEY_IN_SUBJECT)?.[0].toUpperCase();
  if (key && trusted) {
    const record = await findIncident(deps.database.db, deps.database.dialect, key);
    if (record) {
      if (mayWriteTo(trust, record.state.customerId)) {
        const noted = await addNote(deps, actor, trust, record.state.id, email);
        if (noted) return noted;
      }
      // A trusted sender of another customer quoting this key: their words never reach this incident.
      return fileNew(deps, actor, email, { incident: false, customerId: soleCustomer(trust) });
    }
  }
  const customerId = soleCustomer(trust);
  // A sender known to several customers gives no single customer to file the incident under. An automatic
  // message (a contact's out-of-office answer to a channel test) is not a report: a person looks at it.
  const ambiguous = trust.customers.length > 1;
  return fileNew(deps, actor, email, { incident: trusted && !ambiguous && !email.automatic, customerId });
}

function mayWriteTo(trust: SenderTrust, customerId: string | null): boolean {
  return trust.organisation || (customerId !== null && trust.customers.includes(customerId));
}

function soleCustomer(trust: SenderTrust): string | null {
  return trust.customers.length === 1 ? trust.customers[0] : null;
}

class CustomerMoved extends Error {}

/** The note and its evidence through the incident's one write path; null when the incident moved to another customer. */
async function addNote(deps: Deps, actor: Actor, trust: SenderTrust, incidentId: string, email: InboundEmail) {
  let duplicate = false;
  try {
    const { state } = await appendToIncident(deps, actor, incidentId, {
      decide: async (tx, state, now) => {
        if (!mayWriteTo(trust, state.customerId)) throw new CustomerMoved();
        duplicate = await emailAlreadyFiled(tx, email.raw);
        if (duplicate) return [];
        const body = limited(trimQuotedReply(email.text)) || '(The message has no text.)';
        const items = await storeAll(tx, deps, actor, email, now, { incidentId: state.id, customerId: state.customerId });
        return [...decide(state, { type: 'add-note', body }, now), ...items.map(evidenceAddedEvent)];
      },
    });
    return duplicate ? ({ kind: 'duplicate' } as const) : ({ kind: 'note', incidentId: state.id, key: state.key } as const);
  } catch (error) {
    if (error instanceof CustomerMoved) return null;
    throw error;
  }
}

/** A new incident (a trusted sender, and the customer allows one) or a triage item, with the evidence on it. */
async function fileNew(
  deps: Deps,
  actor: Actor,
  email: InboundEmail,
  route: { incident: boolean; customerId: string | null },
): Promise<EmailOutcome> {
  const sender = email.from.address.toLowerCase();
  const title = titleOf(email, sender);
  const description = limited(email.text.trim());
  return commit(deps, async (tx) => {
    const now = deps.clock.now();
    if (await emailAlreadyFiled(tx, email.raw)) return { kind: 'duplicate' } as EmailOutcome;
    if (route.incident && (await incidentAllowed(tx, deps, actor, route.customerId))) {
      const state = await reportIncidentIn(tx, deps, actor, { title, description, customerId: route.customerId }, 'email', now);
      const items = await storeAll(tx, deps, actor, email, now, { incidentId: state.id, customerId: state.customerId });
      await recordEvidenceOnTimeline(tx, deps, actor, state.id, items, now);
      return { kind: 'incident', incidentId: state.id, key: state.key } as EmailOutcome;
    }
    const reporter = { email: sender, ...(email.from.name ? { name: email.from.name } : {}), anonymous: false };
    const { id: triageItemId } = await feedTriage(tx, {
      source: 'email',
      dialect: deps.database.dialect,
      now,
      by: actor,
      customerId: route.customerId,
      title,
      description,
      reporter,
    });
    await storeAll(tx, deps, actor, email, now, { triageItemId, customerId: route.customerId });
    return { kind: 'triage', triageItemId } as EmailOutcome;
  });
}

/**
 * Whether an incident can be filed under this customer: once customers exist every incident needs one, so a
 * trusted sender of our own organisation (no customer) files into triage, where a person picks the customer.
 */
async function incidentAllowed(tx: Tx, deps: Deps, actor: Actor, customerId: string | null): Promise<boolean> {
  try {
    await resolveIncidentCustomer(tx, deps.database, actor, customerId, []);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid') return false;
    throw error;
  }
}

/** The message itself first, then each attachment, all collected from this sender now. */
async function storeAll(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  email: InboundEmail,
  now: Date,
  owner: Pick<NewEvidence, 'incidentId' | 'triageItemId' | 'customerId'>,
) {
  // The message is what Muster received itself; an attachment's type is only what the sender claimed.
  const files = [
    { name: 'message.eml', contentType: 'message/rfc822', claimed: null, content: email.raw },
    ...email.attachments.map((a) => ({
      name: safeEvidenceName(a.name),
      contentType: undefined,
      claimed: a.contentType,
      content: a.content,
    })),
  ];
  const items = [];
  for (const file of files) {
    items.push(
      await storeEvidence(tx, deps, {
        ...owner,
        name: file.name,
        contentType: file.contentType,
        claimedContentType: file.claimed,
        bytes: file.content,
        by: { id: actor.id, name: actor.name },
        now,
        source: `e-mail from ${email.from.address.toLowerCase()}`,
        collectedBy: actor.name,
        collectedAt: now,
      }),
    );
  }
  return items;
}

/** Whether these exact bytes were filed before: the one message a sender re-sends when our 250 reply got lost. */
async function emailAlreadyFiled(tx: Tx, raw: Buffer): Promise<boolean> {
  return (await findEvidenceByHash(tx, sha256Hex(raw), 'message/rfc822')) !== undefined;
}

/**
 * The new words of a reply: the quoted original below them (an "-----Original Message-----" block, or trailing
 * "> " lines with their "On … wrote:" line) is dropped. Anything less simple is kept whole; the full message
 * is evidence anyway.
 */
export function trimQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const separator = lines.findIndex((l) =>
    /^\s*-{2,}\s*(Original Message|Opprinnelig melding|Ursprüngliche Nachricht)\s*-{2,}\s*$/i.test(l),
  );
  let end = separator >= 0 ? separator : lines.length;
  while (end > 0 && (lines[end - 1].trim() === '' || lines[end - 1].startsWith('>'))) end--;
  if (end < lines.length && end > 0 && /wrote:\s*$|skrev:\s*$|schrieb:\s*$/i.test(lines[end - 1])) {
    end--;
    // Long attributions wrap: "On Mon, 2 Mar 2026 at 10:00, Jane Doe <jane@example.org>" / "wrote:".
    if (end > 0 && !/^\s*(On|Den|Am)\s/i.test(lines[end]) && /^\s*(On|Den|Am)\s/i.test(lines[end - 1])) end--;
  }
  const trimmed = lines.slice(0, end).join('\n').trim();
  return trimmed || text.trim();
}

function titleOf(email: InboundEmail, sender: string): string {
  const subject = email.subject.replace(/\s+/g, ' ').trim();
  const title = subject || `E-mail report from ${sender}`;
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

function limited(text: string): string {
  return text.length > TEXT_MAX ? text.slice(0, TEXT_MAX - TRUNCATED.length) + TRUNCATED : text;
}
