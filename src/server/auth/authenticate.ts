import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { type Credential, resolveApiToken, resolveSession, SESSION_COOKIE, sha256 } from './credentials.ts';
import type { Actor } from './policy.ts';
import { isPublicRoute } from './public-routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-muster-csrf';

/**
 * Every route needs a session cookie or a bearer token unless it is on the public list; the decision is made on
 * the route the request was matched to, whatever its URL looks like. Unmatched requests reach the not-found
 * handler, which answers the web app's page or a 404 and no data.
 * Cookie-authenticated state changes must carry X-Muster-Csrf (a cross-site page cannot set it without
 * CORS, which Muster never grants) and, when the browser sends Origin, come from this server.
 */
export function registerAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  const routes: string[] = [];
  routeTables.set(app, routes);
  // The hook is attached to each route that is not public, first among its own hooks (a per-route rate limit
  // keyed by the user runs after it); public routes, the probes among them, and unmatched requests do not run it.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    for (const method of methods) routes.push(`${method} ${route.url}`);
    if (methods.every((method) => isPublicRoute(method, route.url))) return;
    route.onRequest = [authenticate, ...[route.onRequest ?? []].flat()];
  });
  const authenticate = async (request: FastifyRequest) => {
    if (isPublicRoute(request.method, request.routeOptions.url)) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw new AppError('unauthenticated', 'Use "Authorization: Bearer <token>"');
      request.actor = await resolveApiToken(deps, token.trim());
      if (!request.actor) throw new AppError('unauthenticated', 'The API token is not valid or has been revoked');
      return;
    }
    const secret = request.cookies[SESSION_COOKIE];
    request.actor = secret ? await resolveSession(deps, secret) : null;
    if (!request.actor) throw new AppError('unauthenticated', 'Sign in to continue');
    if (UNSAFE.has(request.method)) assertSameSite(request, deps.config.publicUrl);
  };
}

const routeTables = new WeakMap<FastifyInstance, string[]>();

/** Every route registered after registerAuthentication, as "METHOD /pattern": the surface the public list is audited against. */
export function registeredRoutes(app: FastifyInstance): string[] {
  return routeTables.get(app) ?? [];
}

export function assertSameSite(request: FastifyRequest, publicUrl: string): void {
  if (request.headers[CSRF_HEADER] !== '1') {
    throw new AppError('forbidden', `Requests that change data must send the header ${CSRF_HEADER}: 1`);
  }
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    // Scheme and host both count: http://muster.example is not https://muster.example.
    const from = URL.parse(origin)?.origin;
    if (from !== URL.parse(`${request.protocol}://${request.host}`)?.origin && from !== new URL(publicUrl).origin) {
      throw new AppError('forbidden', `Cross-site request from ${JSON.stringify(origin)} refused`);
    }
  }
}

/** The credential a request that passed the hook was authenticated by (a stream re-checks it while open). */
export function credentialOf(request: FastifyRequest): Credential {
  const authorization = request.headers.authorization;
  const secret = authorization !== undefined ? authorization.split(' ')[1]?.trim().slice(4) : request.cookies[SESSION_COOKIE];
  if (!secret) throw new AppError('unauthenticated', 'Sign in to continue');
  return { kind: authorization !== undefined ? 'token' : 'session', hash: sha256(secret) };
}

/** The authenticated actor of a request that passed the hook. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in to continue');
  return request.actor;
}
