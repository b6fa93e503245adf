import { useQuery } from '@tanstack/react-query';
import type { IncidentMetrics, MetricGrouping } from '../../shared/metrics-types.ts';
import { api, buildUrl } from '../core/api.ts';

export interface MetricsParams {
  from?: string;
  to?: string;
  customerId?: string;
  groupBy: MetricGrouping;
}

/** The response metrics for the filters; the previous figures stay on screen while new ones load. */
export function useIncidentMetrics(params: MetricsParams) {
  return useQuery({
    queryKey: ['metrics', 'incidents', params],
    queryFn: ({ signal }) => api<IncidentMetrics>('/metrics/incidents', { signal, query: { ...params } }),
    placeholderData: (previous) => previous,
  });
}

/** Where the same figures are as CSV (the session cookie signs the download in). */
export function metricsCsvUrl(params: MetricsParams): string {
  return buildUrl('/metrics/incidents.csv', { ...params });
}
