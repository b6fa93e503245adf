import { escapeHtml } from '../core/http/html.ts';
import { page, utc } from '../notifications/link-pages.ts';

// What every customer link's page shares (a connection check's, a preservation request's): the line naming the
// incident, the page of a link past its time, and short message pages. Each kind adds its own form.

/** What a page says about the incident: its key, and its title unless TLP:RED (a link may be forwarded). */
export interface LinkPageIncident {
  key: string;
  title: string;
  tlp: string;
  exercise: boolean;
}

export function incidentLine(incident: LinkPageIncident): string {
  const banner = incident.exercise ? '<p class="exercise">EXERCISE — this is an exercise, not a real incident</p>' : '';
  const title = incident.tlp === 'TLP:RED' ? '' : ` — ${escapeHtml(incident.title)}`;
  return `${banner}<p class="meta">Incident <strong>${escapeHtml(incident.key)}</strong>${title}</p>`;
}

/** A page of a title and a sentence (already HTML). */
export function messagePage(title: string, words: string): string {
  return page(title, `<div class="card"><h1>${escapeHtml(title)}</h1><p>${words}</p></div>`);
}

/** 410: the link was not used in time. */
export function expiredPage(incident: LinkPageIncident, expiresAt: string, css = ''): string {
  return page(
    'Link expired',
    `<div class="card"><h1>This link has expired</h1>${incidentLine(incident)}<p>It worked until ${utc(expiresAt)}. Contact the incident team through your usual channel; they can send you a new one.</p></div>`,
    css,
  );
}
