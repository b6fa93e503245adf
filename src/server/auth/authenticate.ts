import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { type Credential, resolveApiToken, resolveSession, SESSION_COOKIE, sha256 } from './credentials.ts';
import type { Actor } from './policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** The route answers without authentication (health, setup, login). */
    public?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-muster-csrf';

/**
 * Every /api route needs a session cookie or a bearer token unless its config says public.
 * Cookie-authenticated state changes must carry X-Muster-Csrf (a cross-site page cannot set it without
 * CORS, which Muster never grants) and, when the browser sends Origin, come from this server.
 */
export function registerAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.public) return;
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
  });
}

export function assertSameSite(request: FastifyRequest, publicUrl: string): void {
  if (request.headers[CSRF_HEADER] !== '1') {
    throw new AppError('forbidden', `Requests that change data must send the header ${CSRF_HEADER}: 1`);
  }
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    const host = new URL(origin).host;
    if (host !== request.headers.host && host !== new URL(publicUrl).host) {
      throw new AppError('forbidden', `Cross-site request from ${origin} refused`);
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
