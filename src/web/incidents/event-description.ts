/** What kind of thing happened, for the timeline's icon and colour. */
export type EventKind =
  | 'report'
  | 'update'
  | 'severity'
  | 'note'
  | 'decision'
  | 'transition'
  | 'milestone'
  | 'communication'
  | 'obligation'
  | 'missed'
  | 'step'
  | 'role'
  | 'other';

/** A timeline event as words: "<actor> <summary>", optional detail lines, a reason, a Markdown body. */
export interface EventDescription {
  kind: EventKind;
  summary: string;
  details: string[];
  reason: string | null;
  markdown: string | null;
}

/** Names the events carry only as ids: an obligation stage's ("obligationId", "stageId") name from the plan. */
export interface EventNames {
  stage(obligationId: string, stageId: string): { obligation: string; stage: string } | null;
  /**
   * A notification's ladder step on a PACE level: whom it was for and whether a person does it. Events recorded
   * before they carried the recipient are described from it.
   */
  ladderStep?(notificationId: string, level: string | null): { recipient: string; manual: boolean; purpose: string } | null;
}
