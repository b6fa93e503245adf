import type { IncidentState } from '../incidents/incident-state.ts';

/** What a message template can refer to: {{incident.key}}, {{incident.title}}, {{ackUrl}}… */
export interface MessageContext {
  incident: IncidentState | null;
  incidentUrl: string | null;
  ackUrl: string | null;
  /** What the recipient is asked to do with the link. */
  ackLabel: string;
  /** A customer link's page (a connection check's, a preservation request's) and what to do there; null or absent: none. */
  customerLink?: { url: string; label: string } | null;
}

/** Replaces {{name.path}} with values from the context; unknown names are left visible so a typo shows. */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, path: string) => {
    const value = path
      .split('.')
      .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), context);
    return value === undefined || value === null ? whole : String(value);
  });
}

/**
 * The words sent on one channel. Exercises are marked EXERCISE in the subject and the first line; TLP:RED
 * content goes only to channels cleared for it, the others get a notice to log in and read it in Muster.
 */
export function wordMessage(
  draft: { subject: string; body: string },
  context: MessageContext,
  clearedForRed: boolean,
): { subject: string; text: string } {
  const { incident } = context;
  const values = {
    incident: incident ? { ...incident, ...incident.times } : null,
    ackUrl: context.ackUrl,
    incidentUrl: context.incidentUrl,
  };
  const exercise = incident?.exercise ? 'EXERCISE ' : '';
  const tlp = incident ? `[${incident.tlp}] ` : '';
  const withheld = incident?.tlp === 'TLP:RED' && !clearedForRed;
  const subject = withheld
    ? `${exercise}${tlp}${incident?.key}: information for you in Muster`
    : `${exercise}${tlp}${fillTemplate(draft.subject, values)}`;
  const lines: string[] = [];
  if (incident?.exercise) lines.push('*** EXERCISE — this is an exercise, not a real incident ***', '');
  if (withheld) {
    lines.push(
      `There is TLP:RED information for you about incident ${incident?.key}.`,
      'It is not sent on this channel. Log in to Muster to read it:',
      context.incidentUrl ?? '',
    );
  } else {
    lines.push(fillTemplate(draft.body, values));
    // Only where the content goes: the page lists what TLP:RED withholds (connections, what to preserve).
    if (context.customerLink) lines.push('', `${context.customerLink.label}: ${context.customerLink.url}`);
    if (incident) {
      lines.push('', `Incident: ${incident.key} — ${incident.title}`, `Classification: ${incident.tlp}`);
      if (context.incidentUrl) lines.push(`In Muster: ${context.incidentUrl}`);
    }
  }
  if (context.ackUrl) lines.push('', `${context.ackLabel}: ${context.ackUrl}`);
  return { subject, text: lines.join('\n') };
}
