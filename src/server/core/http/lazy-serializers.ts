import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Factory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']
>;
type Serialize = (data: unknown) => string;

// Fastify's own response serializer compiler (fast-json-stringify), taken from Fastify's dependencies so that
// it is the very one Fastify would use.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const defaultFactory = (fromFastify('@fastify/fast-json-stringify-compiler') as () => Factory)();

/**
 * Fastify's response serializers, each compiled on its route's first answer instead of at start-up: compiling
 * all of them took about a third of the start-up's CPU time (fast-json-stringify generates and evaluates code
 * for every response schema). Same output; a route's first response pays its compile once.
 */
export const lazySerializers: Factory = (externalSchemas, serializerOptions) => {
  const compile = defaultFactory(externalSchemas, serializerOptions);
  return (route) => {
    let serialize: Serialize | null = null;
    return (data: unknown) => {
      serialize ??= compile(route) as Serialize;
      return serialize(data);
    };
  };
};
