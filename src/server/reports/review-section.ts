import type { IncidentReport } from './report-sections.ts';
import { REPORT_SECTIONS, when } from './report-words.ts';

// The post-incident review as the printed report shows it, once for both renderers (HTML and PDF): facts, the
// team's words, and the findings from the record as tables of plain text.

export interface ReviewTable {
  title: string;
  head: string[];
  rows: string[][];
  empty: string;
}

export interface ReviewSectionContent {
  heading: string;
  facts: [string, string][];
  writing: [string, string][];
  tables: ReviewTable[];
}

const STATUS_WORDS = { open: 'open (still being written)', completed: 'completed', waived: 'waived' } as const;
const CHANNEL_WORDS = { failed: 'Delivery failed', exhausted: 'Ladder exhausted', compromised: 'Declared compromised' } as const;

function minutesWords(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  return `${h} h ${minutes % 60} min`;
}

/** The review section's content, or null when the incident has no review. */
export function reviewSection(r: IncidentReport): ReviewSectionContent | null {
  const review = r.review;
  if (!review) return null;
  const f = review.findings;
  const first = f.firstCustomerReport;
  const facts: [string, string][] = [
    ['Status', STATUS_WORDS[review.status]],
    ['Required before closing', review.required ? 'yes' : 'no'],
    ['Opened', when(r, review.openedAt)],
  ];
  if (review.status === 'completed') facts.push(['Completed', `${when(r, review.completedAt)} by ${review.completedBy ?? '—'}`]);
  if (review.status === 'waived') facts.push(['Waived', `by ${review.completedBy ?? '—'}: ${review.waiverReason ?? ''}`]);
  facts.push(
    ['Findings as of', `${when(r, f.asOf)}${review.status === 'completed' ? ' (frozen at completion)' : ''}`],
    [
      'First report to the customer',
      first.sentAt && first.minutes !== null
        ? `${when(r, first.sentAt)}, ${minutesWords(first.minutes)} after the report`
        : 'none was sent',
    ],
    ['Participants', review.fields.participants.join(', ') || '—'],
  );
  const { fields } = review;
  const writing: [string, string][] = [
    ['What happened', fields.summary],
    ['What went well', fields.wentWell],
    ['What did not go well', fields.wentBadly],
    ['Root causes', fields.rootCauses],
    ['Contributing factors', fields.contributingFactors],
    ['Lessons learned', fields.lessons],
  ].map(([k, v]) => [k, v.trim() || '—']);
  return {
    heading: REPORT_SECTIONS.review,
    facts,
    writing,
    tables: [
      {
        title: 'Key decisions and milestones',
        head: ['When', 'Who', 'What', 'Reason'],
        rows: f.timeline.map((t) => [when(r, t.at), t.by, t.what, t.reason ?? '—']),
        empty: 'No decisions or milestones recorded.',
      },
      {
        title: 'Instruction gates overridden',
        head: ['When', 'Who', 'Task or step', 'Why'],
        rows: f.overriddenGates.map((g) => [when(r, g.at), g.by, g.title, g.reason]),
        empty: 'No gate was overridden: every step that needed the customer’s instruction waited for it.',
      },
      {
        title: 'Obligation clocks missed or met late',
        head: ['Obligation — stage', 'Due', 'Missed', 'Met', 'Status'],
        rows: f.missedClocks.map((c) => [
          `${c.obligation} — ${c.stage}`,
          when(r, c.dueAt),
          when(r, c.missedAt),
          when(r, c.submittedAt),
          c.status,
        ]),
        empty: 'No clock was missed.',
      },
      {
        title: 'Channels that failed',
        head: ['When', 'What', 'Channel', 'Reason'],
        rows: f.channels.map((c) => [when(r, c.at), CHANNEL_WORDS[c.kind], c.channel ?? '—', c.reason ?? '—']),
        empty: 'No channel failed or was declared compromised.',
      },
      {
        title: 'Tasks not done',
        head: ['Task', 'Status', 'Assignee', 'Due'],
        rows: f.tasksLeft.map((t) => [t.title, t.status, t.assignee ?? '—', when(r, t.dueAt)]),
        empty: 'Every task was done.',
      },
    ],
  };
}
