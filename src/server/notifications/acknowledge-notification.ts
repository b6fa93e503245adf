import type { Contact, PacePurpose } from '../../shared/prepare-types.ts';
import { type Actor, SYSTEM_ACTOR } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { CONTACT } from '../registry/registry-kinds.ts';
import { changeRecord, readRecord } from '../registry/save-record.ts';
import { changeNotification } from './change-notification.ts';
import { describeStep } from './ladder.ts';
import type { InstructionAnswer, Notification } from './notifications.queries.ts';
import { submissionBy } from './walk-ladder.ts';

export interface Acknowledgement {
  /** Who acknowledged: the person named on the link's page, or the user recording it. */
  by: string;
  via: 'link' | 'manual';
  note?: string;
}

/** The actor of what a recipient does through a signed link: no account, so the system acts on their behalf. */
export function linkActor(notificationId: string, by: string): Actor {
  return { ...SYSTEM_ACTOR, id: `link:${notificationId}`, name: `${by} (through a link)` };
}

/**
 * Records that the recipient has the message: the ladder stops walking. Recording it twice changes nothing
 * (links are single-use: the second visit only shows when it was acknowledged). A channel test's
 * acknowledgement marks the channel tested, with the time it took.
 */
export async function acknowledgeNotification(deps: Deps, actor: Actor, id: string, ack: Acknowledgement): Promise<Notification> {
  const n = await changeNotification(deps, actor, id, ({ notification: n, incident, now }) => {
    if (n.status === 'draft') throw new AppError('conflict', 'This notification has not been sent yet');
    if (n.acknowledgedAt) return null;
    const at = now.toISOString();
    const step = n.ladder[n.level];
    return {
      events: [
        {
          type: 'notification.acknowledged',
          data: {
            notificationId: n.id,
            level: step?.level ?? null,
            by: ack.by,
            via: ack.via,
            note: ack.note ?? '',
            // For whom: the timeline names the recipient (or, on a level without a contact, whom the purpose addresses).
            recipient: step?.contactName || null,
            purpose: n.purpose as PacePurpose, // written only from a PACE plan's purpose
            // A person did the manual level (a call, a visit): the acknowledgement is the delivery itself.
            byHand: n.status === 'awaiting-person',
          },
        },
        // A manual level done by a person is the delivery itself.
        ...(n.status === 'awaiting-person' ? submissionBy(n, incident, at, `${describeStep(step)}: ${ack.note || 'done'}`) : []),
      ],
      set: { status: n.status === 'answered' ? 'answered' : 'acknowledged', acknowledged_at: at, acknowledged_by: ack.by },
      jobs: [],
    };
  });
  if (n.kind === 'test') await markChannelTested(deps, n);
  return n;
}

/** The customer's answer to an instruction request: approve, decline, or an instruction in their own words. */
export function answerInstruction(
  deps: Deps,
  actor: Actor,
  id: string,
  answer: Omit<InstructionAnswer, 'at'>,
): Promise<Notification> {
  return changeNotification(deps, actor, id, ({ notification: n, now }) => {
    if (n.kind !== 'instruction') throw new AppError('conflict', 'This message does not ask for an instruction');
    if (n.response) return null;
    if (answer.decision === 'instruct' && !answer.text.trim()) {
      throw new AppError('invalid', 'Write the instruction', 'text');
    }
    const at = now.toISOString();
    const response: InstructionAnswer = { ...answer, at };
    return {
      events: [{ type: 'instruction.answered', data: { notificationId: n.id, stepRef: n.stepRef, ...response } }],
      set: {
        status: 'answered',
        response: JSON.stringify(response),
        acknowledged_at: n.acknowledgedAt ?? at,
        acknowledged_by: n.acknowledgedBy ?? answer.by,
      },
      jobs: [],
    };
  });
}

async function markChannelTested(deps: Deps, n: Notification): Promise<void> {
  const step = n.ladder[0];
  if (!step?.contactId || !step.channelId || !n.acknowledgedAt) return;
  const { db, dialect } = deps.database;
  const found = await readRecord(db, dialect, SYSTEM_ACTOR, CONTACT, step.contactId).catch(() => null);
  if (!found) return;
  const contact = found.record as unknown as Contact;
  const seconds = Math.max(0, Math.round((Date.parse(n.acknowledgedAt) - Date.parse(n.sentAt ?? n.createdAt)) / 1000));
  const channels = contact.channels.map((c) =>
    c.id === step.channelId ? { ...c, lastTestedAt: n.acknowledgedAt, lastAckSeconds: seconds } : c,
  );
  await changeRecord(deps, SYSTEM_ACTOR, CONTACT, contact.id, { set: { channels } });
}
