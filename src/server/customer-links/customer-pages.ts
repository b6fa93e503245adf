import { escapeHtml } from '../core/http/html.ts';
import { page, utc } from '../notifications/link-pages.ts';

// What every customer link's page shares (a connection check's, a preservation request's): the line naming the
// incident, the page of a link past its time, and short message pages. Each kind adds its own form.

/** The look of a link page's form: one fieldset per thing asked about, the field at fault outlined, a list of answers. */
export const LINK_FORM_CSS = `fieldset{border:1px solid #d0d4da;border-radius:8px;margin:1rem 0;padding:.5rem .9rem .8rem}
legend{font-weight:600;padding:0 .3rem}.how{color:#555;font-size:.9rem;margin:.1rem 0 .3rem}
.bad{outline:2px solid #c92a2a;outline-offset:2px}ul.answers{padding-left:1.1rem}ul.answers li{margin:.4rem 0}`;

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
