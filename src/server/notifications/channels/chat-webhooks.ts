import type { ChannelSettings, DeliveryResult, DeliveryTarget, OutgoingMessage } from './channel.ts';
import { postDelivery } from './http-delivery.ts';

// Provider limits: Slack header text 150, section text 3000; Mattermost posts 16383 characters.
const SLACK_HEADER_MAX = 150;
const SLACK_SECTION_MAX = 3000;
const MATTERMOST_MAX = 16_000;

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Slack mrkdwn treats &, < and > as markup; a URL or "<script>" in an incident title must show as written. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function incidentLine(message: OutgoingMessage): string | null {
  const incident = message.incident;
  if (!incident) return null;
  return [incident.exercise ? 'EXERCISE' : null, incident.key, incident.tlp].filter(Boolean).join(' · ');
}

/** Slack incoming-webhook body: `text` is the notification fallback, blocks carry the message and an Acknowledge button. */
export function slackPayload(message: OutgoingMessage): { text: string; blocks: Record<string, unknown>[] } {
  const blocks: Record<string, unknown>[] = [
    // Slack rejects the whole post (400 invalid_blocks) when a block's text is empty.
    { type: 'header', text: { type: 'plain_text', text: cut(message.subject || 'Muster', SLACK_HEADER_MAX) } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: cut(slackEscape(message.text || message.subject || '-'), SLACK_SECTION_MAX) },
    },
  ];
  const line = incidentLine(message);
  if (line && message.incident) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${message.incident.url}|${slackEscape(line)}>` }] });
  }
  if (message.ackUrl) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'muster-acknowledge',
          style: 'primary',
          text: { type: 'plain_text', text: 'Acknowledge' },
          url: message.ackUrl,
        },
      ],
    });
  }
  return { text: cut(message.subject, SLACK_SECTION_MAX), blocks };
}

/** Mattermost incoming-webhook body: one Markdown post with the acknowledgement as a link. */
export function mattermostPayload(message: OutgoingMessage): { text: string } {
  const parts = [`#### ${message.subject.replace(/\s+/g, ' ')}`];
  const line = incidentLine(message);
  if (line && message.incident) parts.push(`[${line}](${message.incident.url})`);
  // Mattermost keeps single line breaks, so the plain text reads as written; a code block would kill its links.
  parts.push(message.text);
  if (message.ackUrl) parts.push(`**[Acknowledge](${message.ackUrl})**`);
  return { text: cut(parts.join('\n\n'), MATTERMOST_MAX) };
}

/** Teams body for a Workflows ("Post to a channel when a webhook request is received") URL: one Adaptive Card. */
export function teamsPayload(message: OutgoingMessage): {
  type: 'message';
  attachments: { contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: Record<string, unknown> }[];
} {
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true },
  ];
  const incident = message.incident;
  if (incident) {
    const facts = [
      { title: 'Incident', value: incident.key },
      { title: 'Title', value: incident.title },
      { title: 'TLP', value: incident.tlp },
    ];
    if (incident.exercise) facts.unshift({ title: 'Exercise', value: 'yes, this is an exercise' });
    body.push({ type: 'FactSet', facts });
  }
  body.push({ type: 'TextBlock', text: message.text, wrap: true });
  const actions: Record<string, unknown>[] = [];
  if (message.ackUrl) actions.push({ type: 'Action.OpenUrl', title: 'Acknowledge', url: message.ackUrl });
  if (incident) actions.push({ type: 'Action.OpenUrl', title: 'Open incident', url: incident.url });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          actions,
        },
      },
    ],
  };
}

const CHAT = {
  slack: { label: 'Slack webhook', build: slackPayload, providerIdHeaders: ['x-slack-req-id'] },
  mattermost: { label: 'Mattermost webhook', build: mattermostPayload, providerIdHeaders: ['x-request-id'] },
  teams: { label: 'Teams workflow webhook', build: teamsPayload, providerIdHeaders: ['x-ms-workflow-run-id', 'x-ms-request-id'] },
} as const;

/** POSTs the target's chat payload to its webhook URL; resolves with the outcome, never throws. */
export async function deliverToChat(
  target: DeliveryTarget,
  message: OutgoingMessage,
  settings: ChannelSettings,
): Promise<DeliveryResult> {
  if (target.type !== 'slack' && target.type !== 'teams' && target.type !== 'mattermost') {
    return { outcome: 'failed', reason: `${target.type} is not a chat channel`, retryable: false };
  }
  const chat = CHAT[target.type];
  try {
    return await postDelivery({
      url: target.address,
      body: JSON.stringify(chat.build(message)),
      headers: { 'content-type': 'application/json' },
      timeoutMs: settings.timeoutMs,
      label: chat.label,
      providerIdHeaders: [...chat.providerIdHeaders],
    });
  } catch (err) {
    return { outcome: 'failed', reason: `${chat.label}: ${err instanceof Error ? err.message : String(err)}`, retryable: true };
  }
}
