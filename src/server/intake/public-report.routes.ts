import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { followUpPublicReport } from './follow-up-public-report.ts';
import {
  disabledPage,
  failurePage,
  followUpKeyPage,
  followUpStatusPage,
  PUBLIC_REPORT_CSP,
  receiptNotFoundPage,
  receiptPage,
  reportFormPage,
  tooLargePage,
  tooManyPage,
} from './public-report-pages.ts';
import {
  changePublicReportForm,
  INTRO_MAX,
  type PublicReportFormSetting,
  readPublicReportForm,
} from './public-report-setting.ts';
import { checkReportForm, formText, LIMITS, readReportForm, submitPublicReport, tooLong } from './submit-public-report.ts';

/** Small enough to stop floods of junk, large enough for the longest fields of the form, URL-encoded. */
const BODY_LIMIT = 16 * 1024;

const Setting = Type.Object(
  { enabled: Type.Boolean(), intro: Type.String({ maxLength: INTRO_MAX }) },
  { additionalProperties: false },
);

function html(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PUBLIC_REPORT_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer');
}

/**
 * The public pages never answer JSON: a refusal before the handler runs (rate limit, body too large, an
 * unreadable body) gets a page a person can act on, with the status a client can.
 */
function pageErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  html(reply);
  if (error.statusCode === 429) {
    const retryAfter = Number(reply.getHeader('retry-after')) || 600;
    return reply.status(429).send(tooManyPage(retryAfter));
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(tooLargePage(BODY_LIMIT / 1024));
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return reply.status(error.statusCode === 415 ? 415 : 400).send(failurePage(400));
  }
  request.log.error({ err: error }, 'public report page failed');
  return reply.status(500).send(failurePage(500));
}

function settingView(setting: PublicReportFormSetting, url: string) {
  return { enabled: setting.enabled, intro: setting.intro, updatedBy: setting.updatedBy, updatedAt: setting.updatedAt, url };
}

/** The public report form (off by default) and its setting for administrators. */
export function registerPublicReportRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['settings'];
  const formUrl = () => `${deps.config.publicUrl}/report`;

  api.get('/api/v1/settings/public-report-form', { schema: { tags } }, async (request) => {
    actorOf(request);
    return settingView(await readPublicReportForm(deps.database), formUrl());
  });

  api.put('/api/v1/settings/public-report-form', { schema: { tags, body: Setting } }, async (request) =>
    settingView(await changePublicReportForm(deps, actorOf(request), request.body), formUrl()),
  );

  // Public pages: no account; per-IP limits on the posts (in memory, per instance) and a small body limit.
  const page = { schema: { hide: true }, errorHandler: pageErrors };
  const post = (max: number) => ({
    ...page,
    bodyLimit: BODY_LIMIT,
    config: { rateLimit: { max, timeWindow: '10 minutes' } },
  });
  const enabled = async (reply: FastifyReply) => {
    const setting = await readPublicReportForm(deps.database);
    if (!setting.enabled) html(reply).status(404).send(disabledPage());
    return setting.enabled ? setting : null;
  };

  app.get('/report', page, async (_request, reply) => {
    const setting = await enabled(reply);
    if (setting) return html(reply).send(reportFormPage(setting.intro));
  });

  app.post('/report', post(5), async (request, reply) => {
    const setting = await enabled(reply);
    if (!setting) return;
    const form = readReportForm(request.body);
    const problem = checkReportForm(form);
    if (problem)
      return html(reply)
        .status(400)
        .send(reportFormPage(setting.intro, problem, form));
    const { receiptKey } = await submitPublicReport(deps, form);
    // 200 with the page, as for a stored report: the honeypot's answer must not differ.
    return html(reply).send(receiptPage(receiptKey));
  });

  app.get('/report/follow-up', page, async (_request, reply) => {
    if (await enabled(reply)) return html(reply).send(followUpKeyPage());
  });

  // One post both opens the status (key only) and adds information (key and text), so every guess of a key counts.
  app.post('/report/follow-up', post(30), async (request, reply) => {
    if (!(await enabled(reply))) return;
    const receipt = formText(request.body, 'receipt').trim();
    const information = formText(request.body, 'information');
    if (!receipt) {
      const problem = { field: 'receipt', label: 'Receipt key', message: 'Enter your receipt key.' } as const;
      return html(reply).status(400).send(followUpKeyPage(problem));
    }
    if (receipt.length > 100) return html(reply).status(404).send(receiptNotFoundPage(''));
    const problem = tooLong('information', 'Information', information, LIMITS.information);
    const found = await followUpPublicReport(deps, receipt, problem ? '' : information);
    if (!found) return html(reply).status(404).send(receiptNotFoundPage(receipt));
    if (problem)
      return html(reply)
        .status(400)
        .send(followUpStatusPage(receipt, found.status, { problem, information }));
    return html(reply).send(followUpStatusPage(receipt, found.status, { added: found.added }));
  });
}
