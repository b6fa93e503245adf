import type { IncidentAllowed } from './allowed.ts';
import type { Impact, ImpactLevel, Severity } from './incident-vocabulary.ts';

// The effects assessment (PRODUCT.md "Assess the effects", the seed's "Assessing the effects"): its questions, named
// once for the server, the web and the API, and the shapes of their answers. Names, wording and shapes only: the
// rule that turns answers into a proposed C/I/A lives on the server (src/server/effects/propose-impact.ts).

export const EFFECT_CHOICES = ['yes', 'no', 'unknown'] as const;
export type EffectChoice = (typeof EFFECT_CHOICES)[number];

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export const SCAN_RESULTS = ['clean', 'detected', 'inconclusive'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

export type ImpactDimension = keyof Impact;

/** The structured fields a question asks for besides yes/no/unknown, detail and confidence. */
export type EffectExtra = 'volume' | 'scans' | 'backups';

export interface EffectQuestion {
  id: string;
  /** The question as a responder reads it. */
  text: string;
  /** What a good answer says. */
  hint: string;
  /** A "yes" suggests at least this C/I/A impact; null: it bears on no dimension by itself. */
  yesPoints: { dimension: ImpactDimension; level: ImpactLevel } | null;
  extra: EffectExtra | null;
}

/** The questions, in the order the form asks them; ids are stable (they are on the timeline). */
export const EFFECT_QUESTIONS = [
  {
    id: 'files-accessed',
    text: 'Were files or databases accessed?',
    hint: 'Name the files, shares and databases, and how the access was seen (logs, alerts, the attacker’s own words).',
    yesPoints: { dimension: 'confidentiality', level: 'medium' },
    extra: null,
  },
  {
    id: 'download-volume',
    text: 'Do download logs show data was taken, and how much?',
    hint: 'Record the volume the logs show (bytes, rows, files) and the period it covers.',
    yesPoints: { dimension: 'confidentiality', level: 'high' },
    extra: 'volume',
  },
  {
    id: 'data-published',
    text: 'Has data been published or misused?',
    hint: 'Where it appeared (leak site, paste, forum), or how it was used (fraud, phishing).',
    yesPoints: { dimension: 'confidentiality', level: 'high' },
    extra: null,
  },
  {
    id: 'malware',
    text: 'Was malware introduced?',
    hint: 'Scan with more than one antivirus toolkit and record each result.',
    yesPoints: { dimension: 'integrity', level: 'high' },
    extra: 'scans',
  },
  {
    id: 'defacement',
    text: 'Were websites defaced?',
    hint: 'Which sites and pages, and whether a recent backup exists to restore them from.',
    yesPoints: { dimension: 'integrity', level: 'medium' },
    extra: 'backups',
  },
  {
    id: 'confidential-theft',
    text: 'Was confidential information stolen?',
    hint: 'What kind of information (trade secrets, credentials, contracts) and whose.',
    yesPoints: { dimension: 'confidentiality', level: 'high' },
    extra: null,
  },
  {
    id: 'reputation',
    text: 'Is there reputational damage, or a risk of it?',
    hint: 'Press or social media attention, customers asking, partners affected.',
    yesPoints: null,
    extra: null,
  },
  {
    id: 'service-disruption',
    text: 'Are services disrupted?',
    hint: 'Which services, since when, for whom, and whether a workaround exists.',
    yesPoints: { dimension: 'availability', level: 'medium' },
    extra: null,
  },
  {
    id: 'personal-data',
    text: 'Is personal data involved?',
    hint: 'Yes sets the incident’s personal data and starts the GDPR clocks (72 hours to the supervisory authority).',
    yesPoints: null,
    extra: null,
  },
] as const satisfies readonly EffectQuestion[];

export type EffectQuestionId = (typeof EFFECT_QUESTIONS)[number]['id'];
export const EFFECT_QUESTION_IDS: readonly EffectQuestionId[] = EFFECT_QUESTIONS.map((q) => q.id);

/** One antivirus toolkit's scan. */
export type MalwareScan = {
  toolkit: string;
  result: ScanResult;
  /** What it found or said, e.g. a signature name. */
  note: string;
};

/**
 * An answer as recorded: every field its question has is present (empty when not given), and none of another
 * question's. Type alias, not interface, so it is plain JSON in event data.
 */
export type EffectAnswerValue = {
  answer: EffectChoice;
  detail: string;
  /** How sure the answer is; null: not said. */
  confidence: Confidence | null;
  /** download-volume: how much the logs show was taken. */
  volume?: string;
  /** malware: each toolkit's scan. */
  scans?: MalwareScan[];
  /** defacement: whether recent backups exist. */
  recentBackups?: EffectChoice;
  /** defacement: when the latest usable backup was taken, if known. */
  lastBackupAt?: string | null;
};

/** The answers as an incident holds them: each with when and by whom it was last given. */
export type EffectsState = Partial<Record<EffectQuestionId, EffectAnswerValue & { at: string; by: string }>>;

/** One entry of `PUT /incidents/:id/effects`: the answer to one question, replacing its previous answer whole. */
export interface EffectAnswerInput {
  question: string;
  answer: EffectChoice;
  detail?: string;
  confidence?: Confidence | null;
  volume?: string;
  scans?: { toolkit: string; result: ScanResult; note?: string }[];
  recentBackups?: EffectChoice;
  lastBackupAt?: string | null;
}

/** A question with its current answer (answer null: not answered yet). */
export type EffectAnswerView = Omit<EffectAnswerValue, 'answer'> & {
  question: EffectQuestionId;
  text: string;
  hint: string;
  answer: EffectChoice | null;
  answeredAt: string | null;
  answeredBy: string | null;
};

/** One dimension the answers suggest raising, and the questions answered yes that suggest it. */
export interface ImpactRaise {
  dimension: ImpactDimension;
  /** The incident's level now; null: impact not assessed. */
  from: ImpactLevel | null;
  to: ImpactLevel;
  because: EffectQuestionId[];
}

/** The answers disagree with themselves or with the incident, or something asked for is missing. */
export interface EffectWarning {
  question: EffectQuestionId;
  message: string;
}

/** A reporting clock of the incident as the deadlines show it now. */
export interface EffectsClock {
  obligationId: string;
  obligationName: string;
  stageId: string;
  stageName: string;
  status: string;
  startedAt: string | null;
  dueAt: string | null;
}

/** `GET /incidents/:id/effects`. */
export interface EffectsAssessment {
  incidentId: string;
  incidentKey: string;
  /** The incident's version, for expectedVersion. */
  version: number;
  answers: EffectAnswerView[];
  answered: number;
  total: number;
  /** The incident's C/I/A now. */
  impact: Impact | null;
  /** What the answers suggest, where higher than now (each other dimension as it is, none if not assessed); null: nothing to propose. */
  proposedImpact: Impact | null;
  /** The severity the proposed C/I/A derives to (docs/incident-lifecycle.md#severity); null without a proposal. */
  proposedSeverity: Severity | null;
  /** Why: each dimension raised. */
  raises: ImpactRaise[];
  /** The incident's current effective severity and whether a person overrode it. */
  severity: Severity | null;
  severityOverridden: boolean;
  personalData: boolean | null;
  warnings: EffectWarning[];
  clocks: EffectsClock[];
  /** When an answer last changed; null: none given yet. */
  updatedAt: string | null;
  allowed: IncidentAllowed;
}
