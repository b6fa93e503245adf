import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../core/errors.ts';
import { Text } from '../core/http/schema-types.ts';
import { LINK_PAGE_CSP, problemPage } from '../notifications/link-pages.ts';
import { messagePage } from './customer-pages.ts';

// The public pages behind customer links: no account, no JavaScript, the token in the path the only key. The
// link's 256-bit token guards them; per client address they are limited against floods.

const perAddress = { max: 30, timeWindow: '1 minute' };

const TokenParams = Type.Object({ token: Text(300, 1) });

/** The pages' forms: fields named by index (status-<i>, note-<i>…), read by each kind's form reader. */
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 10_000 }));

const HtmlPage = Type.String({ description: 'an HTML page' });

export type LinkForm = Record<string, string | undefined>;

/** A page to send: its status and its HTML. */
export interface PageReply {
  status: 200 | 400;
  html: string;
}

/** What one kind of customer link does with its pages. */
export interface LinkPages<Link> {
  /** "/check", "/preserve": the pages are <path>/:token. */
  path: string;
  /** In the server's log when a page fails. */
  what: string;
  /** The link a token names (null: none), and, when it takes no answers now, the page that says why (410). */
  open(token: string): Promise<{ link: Link; closed: string | null } | null>;
  /** The form (GET). */
  show(link: Link, action: string): string;
  /** The form sent: a page saying what was recorded, or the form again naming what to correct (400). */
  submit(link: Link, form: LinkForm, action: string): Promise<PageReply>;
}

function html(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', LINK_PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer');
}

/** The customer's pages never answer JSON: a refusal before the handler (rate limit, an unreadable form) is a page. */
function pageErrors(what: string) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    html(reply);
    if (error.statusCode === 429) {
      return reply.status(429).send(messagePage('Too many requests', 'Wait a minute, then open the link again.'));
    }
    if (error.statusCode === 404) return reply.status(404).send(problemPage('invalid'));
    if (error.statusCode === 409) {
      return reply
        .status(409)
        .send(
          messagePage(
            'Please send again',
            'The incident was being changed at the same moment. Go back and send your answers again.',
          ),
        );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const status = error.statusCode === 413 || error.statusCode === 415 ? error.statusCode : 400;
      return reply
        .status(status)
        .send(messagePage('The answers could not be read', 'Go back to the form, check your answers and send them again.'));
    }
    request.log.error({ err: error }, `${what} page failed`);
    return reply.status(500).send(messagePage('Something went wrong', 'Try again in a minute, or contact the incident team.'));
  };
}

/** Registers GET and POST <path>/:token: 404 for a token naming nothing, 410 for a closed link, else the kind's form. */
export function registerLinkPages<Link>(app: FastifyInstance, pages: LinkPages<Link>): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const route = {
    config: { rateLimit: perAddress },
    errorHandler: pageErrors(pages.what),
    schema: { hide: true, params: TokenParams, response: { 200: HtmlPage, 400: HtmlPage, 404: HtmlPage, 410: HtmlPage } },
  };
  /** The link when it takes answers; otherwise the reply is sent (404 or 410) and null returned. */
  const open = async (token: string, reply: FastifyReply): Promise<Link | null> => {
    html(reply);
    const opened = await pages.open(token);
    if (!opened) reply.status(404).send(problemPage('invalid'));
    else if (opened.closed !== null) reply.status(410).send(opened.closed);
    return opened && opened.closed === null ? opened.link : null;
  };

  api.get(`${pages.path}/:token`, route, async (request, reply) => {
    const link = await open(request.params.token, reply);
    if (!link) return reply;
    return reply.send(pages.show(link, request.url));
  });

  api.post(`${pages.path}/:token`, { ...route, schema: { ...route.schema, body: FormBody } }, async (request, reply) => {
    const link = await open(request.params.token, reply);
    if (!link) return reply;
    try {
      const sent = await pages.submit(link, request.body ?? {}, request.url);
      return reply.status(sent.status).send(sent.html);
    } catch (error) {
      // Closed (answered, expired) between opening and sending: the page of why; otherwise the error stands.
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      if (await open(request.params.token, reply)) throw error;
      return reply;
    }
  });
}
