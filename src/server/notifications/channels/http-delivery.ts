import { redactUrls } from '../../core/redact.ts';
import { USER_AGENT } from '../../core/version.ts';
import type { DeliveryResult } from './channel.ts';

export interface HttpDelivery {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Names the receiver in reasons, e.g. "Slack webhook", "SMS gateway". */
  label: string;
  /** Response headers whose value identifies the delivery at the provider, first present wins. */
  providerIdHeaders?: string[];
}

/** POSTs once and maps every outcome to a DeliveryResult; never throws. */
export async function postDelivery(delivery: HttpDelivery): Promise<DeliveryResult> {
  const { label, timeoutMs } = delivery;
  let url: URL;
  try {
    url = new URL(delivery.url);
  } catch {
    // Not echoed: the address may be a credential even when it does not parse.
    return { outcome: 'failed', reason: `${label} URL is not a valid URL`, retryable: false };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      outcome: 'failed',
      reason: `${label} URL must start with https:// or http://, got ${url.protocol}`,
      retryable: false,
    };
  }
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'user-agent': USER_AGENT, ...delivery.headers },
      body: delivery.body,
      // A redirect turns the POST into a GET at an address nobody configured; report it instead.
      redirect: 'manual',
      signal,
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => {});
      const providerId = (delivery.providerIdHeaders ?? []).map((h) => response.headers.get(h)).find((v) => v) ?? null;
      return { outcome: 'accepted', providerId };
    }
    const detail = await responseSnippet(response);
    const status = response.status;
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location');
      return {
        outcome: 'failed',
        reason: `${label} answered HTTP ${status} (redirect${location ? ` to ${redactUrls(location)}` : ''}); configure the final URL`,
        retryable: false,
      };
    }
    // 408 and 429 say "later", like a 5xx; any other 4xx will answer the same next time.
    const retryable = status >= 500 || status === 408 || status === 429;
    return { outcome: 'failed', reason: `${label} answered HTTP ${status}${detail ? `: ${detail}` : ''}`, retryable };
  } catch (err) {
    return { outcome: 'failed', reason: networkReason(err, url, label, timeoutMs, signal), retryable: true };
  }
}

async function responseSnippet(response: Response): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, ' ').trim();
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return '';
  }
}

function networkReason(err: unknown, url: URL, label: string, timeoutMs: number, signal: AbortSignal): string {
  const host = url.host;
  if (signal.aborted) return `${label} at ${host}: no answer within ${formatSeconds(timeoutMs)}`;
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code;
  if (code === 'ECONNREFUSED') return `${label} at ${host} refused the connection (ECONNREFUSED)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${label}: could not resolve ${url.hostname} (${code})`;
  const message = cause?.message ?? (err instanceof Error ? err.message : String(err));
  return `${label} at ${host} could not be reached${code ? ` (${code})` : ''}: ${message}`;
}

/** 10000 → "10 s", 500 → "0.5 s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
