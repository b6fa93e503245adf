import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

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
