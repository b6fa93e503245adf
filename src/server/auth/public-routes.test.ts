import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { registeredRoutes } from './authenticate.ts';
import { isPublicRoute, PUBLIC_ROUTES } from './public-routes.ts';

/** Sends the path exactly as written (fetch would normalise it), without credentials. */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, method, path, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A concrete path for a route pattern: every parameter and wildcard becomes "x". */
const concrete = (pattern: string) => pattern.replace(/:[^/]+/g, 'x').replace(/\*/g, 'x');

/** Ways to write the same routed path that a check on the raw URL would miss. */
function disguises(path: string): string[] {
  const hex = (c: string) => `%${c.charCodeAt(0).toString(16)}`;
  return [
    `/${hex(path[1])}${path.slice(2)}`, // /%61pi/v1/…
    path.replace(/[a-z]/g, (c) => hex(c).toUpperCase()), // every letter as %XX
    `${path}/`,
    `${path}?x=1`,
  ];
}

for (const dialect of await testDialects()) {
  describe(`authentication by routed path (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ dialect, web: true });
    });
    after(() => server.close());

    it('answers 401 to /%61pi/v1/obligations/library without credentials, and serves it with a token', async () => {
      assert.equal(await rawRequest(server.url, 'GET', '/%61pi/v1/obligations/library'), 401);
      const token = await server.userToken('viewer');
      const withToken = await rawRequest(server.url, 'GET', '/%61pi/v1/obligations/library', {
        authorization: `Bearer ${token}`,
      });
      assert.equal(withToken, 200);
    });

    it('keeps the public list exact: every entry is a registered route', () => {
      const registered = new Set(registeredRoutes(server.app));
      const stale = [...PUBLIC_ROUTES].filter((route) => !registered.has(route));
      assert.deepEqual(stale, [], 'public routes that no longer exist');
    });

    it('serves the public routes without credentials', async () => {
      for (const path of ['/healthz', '/api/v1/openapi.json', '/api/v1/docs', '/api/v1/docs/json', '/api/v1/setup', '/']) {
        const status = await rawRequest(server.url, 'GET', path);
        assert.ok(status >= 200 && status < 400, `${path} → ${status}`);
      }
    });

    it('answers 401 without credentials on every route that is not on the public list, however its path is written', async () => {
      const routes = registeredRoutes(server.app);
      const guarded = routes.filter((route) => {
        const [method, pattern] = route.split(' ');
        return !isPublicRoute(method, pattern);
      });
      assert.ok(guarded.length > 80, `only ${guarded.length} guarded routes were found`);
      const leaks: string[] = [];
      for (const route of guarded) {
        const [method, pattern] = route.split(' ');
        const path = concrete(pattern);
        const status = await rawRequest(server.url, method, path);
        if (status !== 401) leaks.push(`${method} ${path} → ${status}`);
        for (const disguised of disguises(path)) {
          const answer = await rawRequest(server.url, method, disguised);
          // The same route must still ask for credentials; a path the router does not match gets the 404 handler.
          if (answer !== 401 && answer !== 404) leaks.push(`${method} ${disguised} → ${answer}`);
        }
      }
      assert.deepEqual(leaks, []);
    });

    it('answers unmatched paths with the not-found handler, which holds no data', async () => {
      assert.equal(await rawRequest(server.url, 'GET', '/api/v1/no-such-thing'), 404);
      assert.equal(await rawRequest(server.url, 'POST', '//api/v1/incidents'), 404);
      const page = await fetch(`${server.url}/incidents/123`);
      assert.equal(page.status, 200, 'client-side routes get the web app, which asks to sign in');
      assert.match(await page.text(), /<div id="root">/);
    });
  });
}
