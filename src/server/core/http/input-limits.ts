import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { AppError } from '../errors.ts';

/** PostgreSQL's `integer`, the type of every integer column. */
export const INTEGER_RANGE = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 } as const;

/** Why the database cannot store a string exactly as sent, or null when it can. */
function unstorable(text: string): string | null {
  // PostgreSQL refuses U+0000 in text; SQLite would keep it. Refused on both, so both answer the same.
  if (text.includes('\0')) return 'must not contain the NUL character (U+0000)';
  // A lone surrogate is not Unicode: it would be stored as U+FFFD, unlike what the record's hash covered.
  if (!text.isWellFormed()) return 'must be valid Unicode (it holds a lone surrogate)';
  return null;
}

/** The first string or key in a parsed body or query that cannot be stored, as a 400 naming its field. */
function unstorableIn(root: unknown, part: string): AppError | null {
  const pending: [unknown, string][] = [[root, '']];
  // A loop, not recursion: a deeply nested body must not exhaust the stack.
  while (pending.length > 0) {
    const [value, path] = pending.pop() as [unknown, string];
    if (typeof value === 'string') {
      const problem = unstorable(value);
      if (problem) return new AppError('invalid', `${path || part} ${problem}`, path || part);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const problem = unstorable(key);
        if (problem) return new AppError('invalid', `A field name in ${path || part} ${problem}`, path || part);
        pending.push([item, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}

// Only an escape can put U+0000 or a lone surrogate into parsed JSON (raw, they are invalid JSON or invalid UTF-8),
// so a body without one skips the walk: alert batches of megabytes pay one scan of their text.
const RISKY_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

/** Each schema object once: routes share their parts (one TypeBox object may appear in hundreds of routes). */
function boundIntegers(schema: unknown, bounded: WeakSet<object>): void {
  if (typeof schema !== 'object' || schema === null || bounded.has(schema)) return;
  bounded.add(schema);
  const node = schema as Record<string, unknown>;
  const types = [node.type].flat();
  if (types.includes('integer')) {
    if (node.maximum === undefined && node.exclusiveMaximum === undefined) node.maximum = INTEGER_RANGE.maximum;
    if (node.minimum === undefined && node.exclusiveMinimum === undefined) node.minimum = INTEGER_RANGE.minimum;
  }
  for (const key of ['properties', 'patternProperties']) {
    for (const child of Object.values((node[key] as object | undefined) ?? {})) boundIntegers(child, bounded);
  }
  for (const key of ['items', 'additionalProperties', 'anyOf', 'allOf', 'oneOf', 'not']) {
    for (const child of [node[key]].flat()) boundIntegers(child, bounded);
  }
}

/**
 * What every route takes, checked here once rather than in each route, so that both databases answer the same:
 * - a JSON or form body must be UTF-8 (a bad byte would be stored as U+FFFD, silently): 400;
 * - no string or key may hold U+0000 or a lone surrogate: 400 naming the field in a body or query, 404 for a path
 *   parameter (an id that cannot exist);
 * - every integer a request schema takes is bounded to PostgreSQL's integer unless it states its own bounds, so
 *   `position: 2**64` is refused as out of range instead of overflowing a column.
 * Call before any route is registered.
 */
export function registerInputLimits(app: FastifyInstance): void {
  const bounded = new WeakSet<object>();
  app.addHook('onRoute', (route) => {
    const schema = route.schema as FastifySchema | undefined;
    for (const part of [schema?.body, schema?.querystring, schema?.params, schema?.headers]) boundIntegers(part, bounded);
  });

  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) return done(new AppError('invalid', 'The request body is not valid UTF-8'), undefined);
    const text = bytes.toString('utf8');
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      const problem = RISKY_ESCAPE.test(text) ? unstorableIn(value, 'body') : null;
      done(problem, problem ? undefined : value);
    });
  });

  // The recipients' pages (acknowledge, answer) and the public report form are plain HTML forms that work
  // without JavaScript.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      const bytes = body as Buffer;
      if (!isUtf8(bytes)) return done(new AppError('invalid', 'The request body is not valid UTF-8'), undefined);
      const value = Object.fromEntries(new URLSearchParams(bytes.toString('utf8')));
      const problem = unstorableIn(value, 'body');
      done(problem, problem ? undefined : value);
    },
  );

  // A callback hook, not an async one: it runs on every request, and most have no parameters and no query.
  app.addHook('preValidation', (request, _reply, done) => {
    const params = request.params as Record<string, unknown> | undefined;
    for (const name in params) {
      const value = params[name];
      if (typeof value === 'string' && unstorable(value)) return done(new AppError('not_found', `Nothing here has that ${name}`));
    }
    done(unstorableIn(request.query, 'query') ?? undefined);
  });
}
