import type { LadderStep } from '../../shared/notification-types.ts';
import type { Channel, Contact, MoveOnRule, PacePlan } from '../../shared/prepare-types.ts';
import { maskedAddress, publicAddress } from '../registry/public-address.ts';

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
  // The instruction goes on the timeline: a link in a manual channel (a meeting room with its key) is masked.
  const shown = channel ? maskedAddress(channel) : '';
  if (!todo && type === 'voice') todo = `Call ${name} on ${shown}`;
  if (!todo && type === 'manual') todo = `${shown} (${name})`;
  if (!todo && manual) todo = `Reach ${name} by any means the plan allows`;
  return {
    contactId: contact?.id ?? null,
    contactName: contact?.name ?? '',
    channelId: channel?.id ?? null,
    channelType: type,
    address: channel?.address ?? '',
    label: channel?.label ?? '',
    clearedForRed: channel?.clearedForRed ?? false,
    manual,
    instruction: todo,
  };
}

/**
 * A step's channel as people name it and the timeline records it: "email to Ola <ola@acme.example>",
 * "slack to SOC <#ir-acme>" — never a webhook URL (see publicAddress).
 */
export function describeStep(step: LadderStep): string {
  if (step.manual) return step.instruction;
  const address = publicAddress({ type: step.channelType, address: step.address, label: step.label });
  return `${step.channelType} to ${step.contactName ? `${step.contactName} <${address}>` : address}`;
}
