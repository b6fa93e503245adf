import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { eventLoopTurns, nextTurn, TURN_FREE_ITEMS } from '../event-loop.ts';

/** True for an object schema whose every property is a plain string. */
function onlyStringProperties(schema: TSchema): boolean {
  const { type, properties } = schema as { type?: unknown; properties?: Record<string, { type?: unknown }> };
  return type === 'object' && properties !== undefined && Object.values(properties).every((p) => p.type === 'string');
}

/**
 * Route schema validation with TypeBox, as @fastify/type-provider-typebox's TypeBoxValidatorCompiler does it
 * (bodies are checked as sent; other parts are converted first, so that "5" can be an integer in a query string),
 * except that path parameters asking only for strings skip Value.Convert: they always arrive as strings, so the
 * conversion can change nothing, and walking the schema to find that out cost more than the check on every call.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  // Compiled on a route's first request, not at start-up: most routes of a running server are rarely called,
  // and compiling them all costs start-up time and memory.
  let check: ReturnType<typeof Compile> | undefined;
  const convert = httpPart !== 'body' && !(httpPart === 'params' && onlyStringProperties(schema));
  return (value) => {
    check ??= Compile(schema);
    const converted = convert ? Value.Convert(schema, value) : value;
    return check.Check(converted) ? { value: converted } : { error: check.Errors(converted) as never };
  };
};

const compiledChecks = new WeakMap<TSchema, ReturnType<typeof Compile>>();
function compiled(schema: TSchema): ReturnType<typeof Compile> {
  let check = compiledChecks.get(schema);
  if (!check) {
    check = Compile(schema);
    compiledChecks.set(schema, check);
  }
  return check;
}

/** How a batch body splits: the envelope (with the items left open) and, for a batch, its items. */
export interface BatchParts {
  envelope: TSchema;
  items?: { schema: TSchema; values: unknown[]; path: string };
}

/**
 * A validator compiler for bodies of thousands of items (alert batches), checked in event-loop turns: first the
 * envelope, then the items a few milliseconds at a time, so that checking 5,000 alerts does not hold up other
 * requests. The route's schema stays the whole body's (for the API description); `split` must describe the same
 * body. A failure reads as the whole schema's would: the first bad item's issues, its place in their path.
 */
export function batchValidatorCompiler(split: (body: unknown) => BatchParts): FastifySchemaCompiler<TSchema> {
  const failed = (issues: Iterable<{ instancePath?: string }>, prefix: string) =>
    Object.assign(new Error('The request body does not match its schema'), {
      validation: [...issues].map((issue) => ({ ...issue, instancePath: `${prefix}${issue.instancePath ?? ''}` })),
    });
  // Fastify takes a promise from a validator as pass (any value but false) or fail (a rejection).
  return () =>
    (async (body: unknown) => {
      const { envelope, items } = split(body);
      if (items && items.values.length > TURN_FREE_ITEMS) await nextTurn();
      const outer = compiled(envelope);
      if (!outer.Check(body)) throw failed(outer.Errors(body) as Iterable<{ instancePath?: string }>, '');
      if (!items) return true;
      const item = compiled(items.schema);
      const turn = eventLoopTurns();
      for (let i = 0; i < items.values.length; i++) {
        await turn();
        const value = items.values[i];
        if (!item.Check(value)) throw failed(item.Errors(value) as Iterable<{ instancePath?: string }>, `${items.path}/${i}`);
      }
      return true;
    }) as unknown as ReturnType<FastifySchemaCompiler<TSchema>>;
}
