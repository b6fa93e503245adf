import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { testDialects } from '../../testing/test-db.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

/** The part of an OpenAPI operation the fuzzer reads: its JSON body's schema. */
interface Operation {
  requestBody?: { content?: { 'application/json'?: { schema?: Schema } } };
}

// Every write route of the OpenAPI document gets hostile input, sent raw, with garbage ids in its path.
// The run is fixed by its seed; replay or widen it with MUSTER_FUZZ_SEED and MUSTER_FUZZ_RUNS.
const SEED = Number(process.env.MUSTER_FUZZ_SEED ?? 20261210);
const RUNS = Number(process.env.MUSTER_FUZZ_RUNS ?? 4);

interface Schema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  /** OpenAPI 3.0's way of saying "or null". */
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** Ids stored before the run that generated bodies may refer to (never in a path: what is stored must not change). */
const known = { customerId: '' };

/** A JSON text fragment; bytes, so that invalid UTF-8 can be sent as it is. */
type Json = Buffer;
const raw = (text: string): Json => Buffer.from(text, 'utf8');
const json = (value: unknown): Json => raw(JSON.stringify(value));
const objectOf = (entries: [string, Json][]): Json =>
  Buffer.concat([raw('{'), ...entries.flatMap(([k, v], i) => [raw(`${i ? ',' : ''}${JSON.stringify(k)}:`), v]), raw('}')]);

/** Values no field may take, whatever its schema: every request holding one must get a 4xx. */
const poison: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => json(`${s}\u0000${s}`)),
  fc.constantFrom('"\\ud800"', '"a\\udfff b"', '"\\udc00\\ud800"').map(raw),
  fc
    .constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82])
    .map((bytes) => Buffer.concat([raw('"a'), Buffer.from(bytes), raw('"')])),
  fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}').map(raw),
);

const typesOf = (schema: Schema): string[] => {
  if (schema.anyOf || schema.oneOf) return (schema.anyOf ?? schema.oneOf ?? []).flatMap(typesOf);
  if (schema.enum || schema.const !== undefined) return [];
  return [schema.type ?? [], schema.nullable ? ['null'] : []].flat();
};

/** A value the schema refuses: another JSON type, an integer out of range, a string too long. */
function invalidFor(schema: Schema): fc.Arbitrary<Json> | null {
  const types = typesOf(schema);
  if (types.length === 0) return schema.enum ? fc.constant(json('not-one-of-them')) : null;
  // A value of each JSON type the schema does not take (an integer is a number too).
  const wrong = [
    ['string', json('x')],
    ['integer', raw('12')],
    ['number', raw('1.5')],
    ['boolean', raw('true')],
    ['array', raw('[]')],
    ['object', raw('{}')],
    ['null', raw('null')],
  ].filter(([type]) => !types.includes(type as string) && !(type === 'integer' && types.includes('number')));
  const options: Json[] = wrong.map(([, value]) => value as Json);
  if (types.includes('integer'))
    options.push(raw('9007199254740993'), raw('18446744073709551616'), raw('-9223372036854775808'), raw('1e308'));
  if (types.includes('string') && schema.maxLength !== undefined) options.push(json('x'.repeat(schema.maxLength + 1)));
  return fc.constantFrom(...options);
}

const STRANGE_TEXT = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-0',
  'null',
  '__proto__',
  'constructor',
  'prototype',
  '{{incident.title}}',
  '$' + '{7*7}', // a template-injection probe
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  "'; drop table incidents; --",
  '\u202egnp.exe',
  'INC-2026-0001',
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30T25:61:61Z',
  '+275760-09-13T00:00:00.001Z',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00+14:00',
];

/** Extreme values the schema may well accept: its bounds, strange text, huge strings, wide characters, deep JSON. */
function extremeFor(schema: Schema, depth = 0): fc.Arbitrary<Json> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => extremeFor(b, depth + 1)));
  if (schema.enum) return fc.constantFrom(...schema.enum).map(json);
  if (schema.const !== undefined) return fc.constant(json(schema.const));
  if (schema.nullable) return fc.oneof(fc.constant(raw('null')), extremeFor({ ...schema, nullable: false }, depth + 1));
  const types = [schema.type ?? []].flat();
  if (types.length > 1) return fc.oneof(...types.map((type) => extremeFor({ ...schema, type }, depth + 1)));
  const max = schema.maxLength ?? 200_000;
  switch (types[0]) {
    case 'string':
      return fc
        .oneof(
          fc.constantFrom(...STRANGE_TEXT),
          fc.constantFrom('x', 'é', '😀', '\u{10FFFF}').map((c) => c.repeat(Math.floor(max / c.length))),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
        )
        .map(json);
    case 'integer':
      return fc.constantFrom(schema.minimum ?? -(2 ** 31), schema.maximum ?? 2 ** 31 - 1, 0, 1).map(json);
    case 'number':
      return fc.constantFrom(1e308, -1e308, 5e-324, 0, schema.minimum ?? -1).map(json);
    case 'boolean':
      return fc.boolean().map(json);
    case 'null':
      return fc.constant(raw('null'));
    case 'array':
      return depth > 5
        ? fc.constant(raw('[]'))
        : fc
            .array(extremeFor(schema.items ?? {}, depth + 1), { maxLength: 3 })
            .map((items) => Buffer.concat([raw('['), ...items.flatMap((item, i) => [raw(i ? ',' : ''), item]), raw(']')]));
    case 'object':
      return objectFor(schema, depth);
    default:
      // A free-form value: any JSON, or nesting deep enough to exhaust a recursive walk.
      return fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map(json),
        fc.integer({ min: 1000, max: 50_000 }).map((n) => raw(`${'['.repeat(n)}${']'.repeat(n)}`)),
      );
  }
}

function objectFor(schema: Schema, depth: number): fc.Arbitrary<Json> {
  if (depth > 5) return fc.constant(raw('{}'));
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, property]) => {
    // The seeded customer's id now and then, so that a request gets past "no such customer" to the deeper checks.
    const value =
      name === 'customerId' && known.customerId
        ? fc.oneof(fc.constant(json(known.customerId)), extremeFor(property, depth + 1))
        : extremeFor(property, depth + 1);
    return required.has(name)
      ? value.map((v) => [[name, v]])
      : fc.option(value, { nil: undefined }).map((v) => (v ? [[name, v]] : []));
  });
  const extra =
    typeof schema.additionalProperties === 'object'
      ? fc.dictionary(
          fc.constantFrom('a', 'prototype', 'constructor', 'x'.repeat(300)),
          extremeFor(schema.additionalProperties, depth + 1),
          {
            maxKeys: 3,
          },
        )
      : fc.constant({});
  return fc
    .tuple(fc.tuple(...fields), extra)
    .map(([chosen, more]) => objectOf([...(chosen.flat() as [string, Json][]), ...(Object.entries(more) as [string, Json][])]));
}

/** The body with one poisoned field: a value no schema takes, or one its own schema refuses. */
function poisonedFor(schema: Schema | undefined): fc.Arbitrary<Json> {
  const properties = Object.entries(schema?.properties ?? {});
  const refusable = properties.flatMap(([name, property]) => {
    const invalid = invalidFor(property);
    return invalid ? [{ name, invalid }] : [];
  });
  const base = schema ? objectFor({ ...schema, additionalProperties: false }, 0) : fc.constant(raw('{}'));
  return fc.tuple(base, fc.nat(), fc.boolean(), poison).chain(([body, index, useSchema, bad]) => {
    const name = properties.length ? properties[index % properties.length][0] : 'anything';
    if (useSchema && refusable.length) {
      const target = refusable[index % refusable.length];
      return target.invalid.map((value) => replaceField(body, target.name, value));
    }
    return fc.constant(replaceField(body, name, bad));
  });
}

/** The object body with `name` set to `value` (added when absent). */
function replaceField(body: Json, name: string, value: Json): Json {
  const key = raw(`${JSON.stringify(name)}:`);
  const inner = body.subarray(1, body.length - 1);
  // Rebuilt rather than edited in place: the other fields may hold bytes that are not UTF-8.
  const start = inner.indexOf(key);
  if (start === -1) return Buffer.concat([raw('{'), key, value, inner.length ? raw(',') : raw(''), inner, raw('}')]);
  const prefix = inner.subarray(0, start);
  const rest = inner.subarray(start + key.length);
  const end = valueEnd(rest);
  return Buffer.concat([raw('{'), prefix, key, value, rest.subarray(end), raw('}')]);
}

/** Where the JSON value at the start of `text` ends (the values here are built by this file). */
function valueEnd(text: Buffer): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 0) return i;
    if (depth < 0) return i;
  }
  return text.length;
}

/** Ids no object has, written as attackers write them (already percent-encoded where needed). */
const garbageId: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '%00',
      'a%00b',
      '%ED%A0%80',
      '%FF',
      '%C0%80',
      '%',
      '%zz',
      '..',
      '%2e%2e',
      '%2F',
      '__proto__',
      'constructor',
      '-1',
      '1e308',
      '18446744073709551616',
      'INC-2026-9999',
      '00000000-0000-0000-0000-000000000000',
    ),
  },
  {
    weight: 4,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 30 })
      .map((s) => (s.isWellFormed() && s !== '' ? encodeURIComponent(s) : '%ED%B0%80')),
  },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(101), 'x'.repeat(6000)) },
);

interface WriteRoute {
  method: string;
  path: string;
  body: Schema | undefined;
}

function send(base: string, method: string, path: string, body: Json, token: string): Promise<number> {
  const { hostname, port } = new URL(base);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': body.length };
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, method, path, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

for (const dialect of await testDialects()) {
  describe(`hostile input on every write route (${dialect}, seed ${SEED})`, () => {
    let server: TestServer;
    let admin: string;
    let sourceToken: string;
    let routes: WriteRoute[];
    let seeded: { customerId: string; incidentId: string };
    const get = async (url: string) => (await server.request('GET', url, { token: admin })).json();

    /** What was stored before the run: it must read the same afterwards. */
    const stored = async () => {
      const { customerId, incidentId } = seeded;
      return {
        customer: await get(`/api/v1/customers/${customerId}`),
        incident: await get(`/api/v1/incidents/${incidentId}`),
        timeline: await get(`/api/v1/incidents/${incidentId}/timeline`),
        integrity: await get(`/api/v1/incidents/${incidentId}/integrity`),
      };
    };
    const rowCounts = async () => {
      const { db } = server.deps.database;
      const counts: Record<string, number> = {};
      for (const table of await db.introspection.getTables()) {
        const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
        counts[table.name] = Number(rows[0].n);
      }
      return counts;
    };

    /** Sends generated requests to every write route; returns the answers that broke the rule. */
    const fuzz = async (bodyFor: (route: WriteRoute) => fc.Arbitrary<Json>, acceptable: (status: number) => boolean) => {
      const broken: string[] = [];
      for (const route of routes) {
        const request = fc.record({
          path: fc
            .array(garbageId, { minLength: 4, maxLength: 4 })
            .map((ids) => route.path.replace(/\{[^}]+\}/g, () => ids.pop() as string)),
          body: bodyFor(route),
        });
        const token = route.path.startsWith('/api/v1/alerts') ? sourceToken : admin;
        await fc.assert(
          fc.asyncProperty(request, async ({ path, body }) => {
            const status = await send(server.url, route.method, path, body, token);
            if (process.env.MUSTER_FUZZ_LOG) console.log(`${status} ${route.method} ${route.path}`);
            if (!acceptable(status)) {
              broken.push(`${route.method} ${path.slice(0, 120)} → ${status}: ${body.toString('utf8').slice(0, 160)}`);
            }
          }),
          { seed: SEED, numRuns: RUNS },
        );
      }
      return broken;
    };

    before(async () => {
      server = await startTestServer({ dialect, worker: { autoStart: false } });
      admin = await server.userToken('admin');
      const call = async (url: string, body: unknown) =>
        (await server.request('POST', url, { token: admin, body })).json() as Promise<{ id: string; token: string }>;
      const customer = await call('/api/v1/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'Europe/Oslo' });
      const incident = await call('/api/v1/incidents', { title: 'Ransom note on the file server', customerId: customer.id });
      await call(`/api/v1/incidents/${incident.id}/notes`, { body: 'Backups are offline since 02:00.' });
      sourceToken = (await call('/api/v1/alert-sources', { name: 'prometheus', customerId: customer.id })).token;
      seeded = { customerId: customer.id, incidentId: incident.id };
      known.customerId = customer.id;
      const spec = await get('/api/v1/openapi.json');
      routes = Object.entries(spec.paths as Record<string, Record<string, Operation>>).flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
          .map(([method, operation]) => ({
            method: method.toUpperCase(),
            path,
            body: operation.requestBody?.content?.['application/json']?.schema,
          })),
      );
    });
    after(() => server.close());

    it('refuses a poisoned field with a 4xx on every write route, and nothing stored changes', async () => {
      assert.ok(routes.length >= 50, `only ${routes.length} write routes in the OpenAPI document`);
      const before = { ...(await stored()), rows: await rowCounts() };
      const broken = await fuzz(
        (route) => poisonedFor(route.body),
        (status) => status >= 400 && status < 500,
      );
      assert.deepEqual(broken, []);
      assert.deepEqual({ ...(await stored()), rows: await rowCounts() }, before);
    });

    it('never answers 5xx to extreme values a schema may accept, and what was stored stays as it was', async () => {
      const before = await stored();
      const broken = await fuzz(
        (route) => (route.body ? extremeFor(route.body) : fc.constant(raw('{}'))),
        (status) => status < 500,
      );
      assert.deepEqual(broken, []);
      const now = await stored();
      assert.deepEqual(now, before);
      assert.equal(now.integrity.valid, true);
    });
  });
}
