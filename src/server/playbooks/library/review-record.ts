/** What every playbook asks to write down at the post-incident review. */
export const REVIEW_RECORD = [
  'date of the review and who took part',
  'lessons learned',
  'action items with owners and due dates',
];
