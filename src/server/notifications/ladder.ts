import type { LadderStep } from '../../shared/notification-types.ts';
import type { Channel, Contact, MoveOnRule, PacePlan } from '../../shared/prepare-types.ts';

export type { LadderStep };

const NEVER_MOVE_ON: MoveOnRule = { noAckMinutes: null, onDeliveryFailure: false, onChannelCompromised: false };

/** The steps of a PACE plan in order, each level pointing at the contact channel it names. */
export function resolveLadder(plan: Pick<PacePlan, 'levels'>, contacts: Contact[]): LadderStep[] {
  return plan.levels.map((level) => {
    const contact = contacts.find((c) => c.id === level.contactId) ?? null;
    const channel = contact?.channels.find((ch) => ch.id === level.channelId) ?? null;
    return {
      ...channelStep(contact, channel, level.instruction),
      level: level.level,
      moveOn: level.moveOn,
    };
  });
}

/** A one-step ladder for a single channel ("Test this channel"). */
export function singleChannelLadder(contact: Contact, channel: Channel): LadderStep[] {
  return [{ ...channelStep(contact, channel, ''), level: 'primary', moveOn: NEVER_MOVE_ON }];
}

function channelStep(
  contact: Contact | null,
  channel: Channel | null,
  instruction: string,
): Omit<LadderStep, 'level' | 'moveOn'> {
  const type = channel?.type ?? null;
  const manual = type === null || type === 'manual' || type === 'voice';
  const name = contact?.name ?? 'the contact';
  let todo = instruction.trim();
  if (!todo && type === 'voice') todo = `Call ${name} on ${channel?.address}`;
  if (!todo && type === 'manual') todo = `${channel?.address} (${name})`;
  if (!todo && manual) todo = `Reach ${name} by any means the plan allows`;
  return {
    contactId: contact?.id ?? null,
    contactName: contact?.name ?? '',
    channelId: channel?.id ?? null,
    channelType: type,
    address: channel?.address ?? '',
    clearedForRed: channel?.clearedForRed ?? false,
    manual,
    instruction: todo,
  };
}

/** A step's channel as people name it: "e-mail to soc@acme.example", "call the duty phone". */
export function describeStep(step: LadderStep): string {
  if (step.manual) return step.instruction;
  return `${step.channelType} to ${step.contactName ? `${step.contactName} <${step.address}>` : step.address}`;
}
