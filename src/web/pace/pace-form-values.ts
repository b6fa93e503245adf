import { type Contact, PACE_LEVELS, type PaceLevel, type PaceLevelName } from '../../shared/prepare-types.ts';
import type { PaceLevelInput } from './pace-api.ts';

/** How a level reaches someone: through a contact's channel, by a person following an instruction, or not at all. */
export type LevelMode = 'channel' | 'manual' | 'none';

export interface LevelFormValues {
  level: PaceLevelName;
  mode: LevelMode;
  contactId: string | null;
  channelId: string | null;
  instruction: string;
  /** Empty: never move on by time alone. */
  noAckMinutes: number | string;
  onDeliveryFailure: boolean;
  onChannelCompromised: boolean;
  note: string;
}

export interface LadderFormValues {
  levels: LevelFormValues[];
}

const DEFAULT_NO_ACK: Record<PaceLevelName, number | string> = { primary: 15, alternate: 15, contingency: 30, emergency: '' };

/** Four rows, P/A/C/E, filled from the levels a plan has. */
export function toLadderForm(levels: readonly PaceLevel[]): LadderFormValues {
  return {
    levels: PACE_LEVELS.map((name): LevelFormValues => {
      const level = levels.find((l) => l.level === name);
      if (!level) {
        return {
          level: name,
          // A new ladder starts with its primary level open for a contact and channel.
          mode: levels.length === 0 && name === 'primary' ? 'channel' : 'none',
          contactId: null,
          channelId: null,
          instruction: '',
          noAckMinutes: DEFAULT_NO_ACK[name],
          onDeliveryFailure: true,
          onChannelCompromised: true,
          note: '',
        };
      }
      return {
        level: name,
        mode: level.contactId ? 'channel' : 'manual',
        contactId: level.contactId,
        channelId: level.channelId,
        instruction: level.instruction ?? '',
        noAckMinutes: level.moveOn?.noAckMinutes ?? '',
        onDeliveryFailure: level.moveOn?.onDeliveryFailure ?? true,
        onChannelCompromised: level.moveOn?.onChannelCompromised ?? true,
        note: level.note ?? '',
      };
    }),
  };
}

/** The levels to send, and for each the row it came from (to put the server's errors next to the right field). */
export function fromLadderForm(values: LadderFormValues): { levels: PaceLevelInput[]; rows: number[] } {
  const levels: PaceLevelInput[] = [];
  const rows: number[] = [];
  values.levels.forEach((row, index) => {
    if (row.mode === 'none') return;
    const minutes = typeof row.noAckMinutes === 'number' ? row.noAckMinutes : Number.parseInt(row.noAckMinutes, 10);
    levels.push({
      level: row.level,
      contactId: row.mode === 'channel' ? row.contactId : null,
      channelId: row.mode === 'channel' ? row.channelId : null,
      instruction: row.instruction.trim(),
      moveOn: {
        noAckMinutes: Number.isFinite(minutes) && minutes > 0 ? minutes : null,
        onDeliveryFailure: row.onDeliveryFailure,
        onChannelCompromised: row.onChannelCompromised,
      },
      note: row.note.trim(),
    });
    rows.push(index);
  });
  return { levels, rows };
}

export function validateLevel(
  row: LevelFormValues,
  contacts: readonly Contact[],
): Partial<Record<keyof LevelFormValues, string>> {
  const errors: Partial<Record<keyof LevelFormValues, string>> = {};
  if (row.mode === 'channel') {
    const contact = contacts.find((c) => c.id === row.contactId);
    if (!contact) errors.contactId = 'Choose who this level reaches';
    else if (!row.channelId || !contact.channels.some((c) => c.id === row.channelId))
      errors.channelId =
        contact.channels.length === 0 ? `${contact.name} has no channels yet: add one on the contact first` : 'Choose a channel';
  }
  if (row.mode === 'manual' && !row.instruction.trim())
    errors.instruction = 'Write what a person must do, e.g. "call the duty phone"';
  if (row.noAckMinutes !== '') {
    const n = Number(row.noAckMinutes);
    if (!Number.isInteger(n) || n < 1 || n > 10_080) errors.noAckMinutes = 'Between 1 and 10 080 minutes (a week), or empty';
  }
  return errors;
}
