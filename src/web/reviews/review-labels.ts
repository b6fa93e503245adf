import type { ReviewFields, ReviewStatus } from '../../shared/review-types.ts';

/** The team's fields of a review, as the form and the timeline name them. */
export const REVIEW_FIELD_LABELS: Record<keyof ReviewFields, string> = {
  summary: 'What happened',
  wentWell: 'What went well',
  wentBadly: 'What did not go well',
  rootCauses: 'Root causes',
  contributingFactors: 'Contributing factors',
  lessons: 'Lessons learned',
  participants: 'Participants',
};

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  open: 'Open',
  completed: 'Completed',
  waived: 'Waived',
};
