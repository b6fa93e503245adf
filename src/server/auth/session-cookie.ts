import type { FastifyReply } from 'fastify';
import type { Deps } from '../core/deps.ts';
import { createSession, SESSION_COOKIE } from './credentials.ts';

/** Starts a session for the user and sets its cookie on the reply (httpOnly, SameSite=Lax, Secure behind https). */
export async function signInWithCookie(deps: Deps, reply: FastifyReply, userId: string): Promise<void> {
  const { secret, expiresAt } = await createSession(deps, userId);
  reply.setCookie(SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.startsWith('https://'),
    expires: expiresAt,
  });
}
