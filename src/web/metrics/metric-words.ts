import type { MetricDuration, MetricGrouping } from '../../shared/metrics-types.ts';

/** What each duration is called, and from what to what it runs (docs/metrics.md has the exact definitions). */
export const DURATION_WORDS: Record<MetricDuration, { label: string; span: string }> = {
  detect: { label: 'Time to detect', span: 'occurred → detected' },
  dp1: { label: 'Time to DP1', span: 'reported → acknowledged (DP1)' },
  classify: { label: 'Time to classify', span: 'reported → classified (DP2)' },
  firstReport: { label: 'Time to first customer report', span: 'reported → first report to the customer delivered' },
  contain: { label: 'Time to contain', span: 'reported → contained' },
  resolve: { label: 'Time to resolve', span: 'reported → resolved' },
  instructionAnswer: { label: 'Instruction answer time', span: 'instruction asked → answered' },
};

export const GROUPING_LABELS: Record<MetricGrouping, string> = {
  month: 'Month',
  customer: 'Customer',
  category: 'Category',
  severity: 'Severity',
};

export const HOUR = 3_600_000;
