/**
 * Every route that answers without a user's session or API token: the whole unauthenticated surface, in one
 * list, as "METHOD /pattern" exactly as the route is registered (HEAD follows GET). The authentication hook looks
 * up the route a request was matched to, never the URL as sent, which `/%61pi/…` or `//api/…` can disguise.
 * public-routes.test.ts checks that every other route answers 401 without credentials.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  // Probes and metrics, for the orchestrator and Prometheus.
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  // First-admin setup (guarded by the one-time setup token), signing in and out.
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  // An invitation's link (its single-use secret is the credential): what it offers, and accepting it.
  'GET /api/v1/invitations/:token',
  'POST /api/v1/invitations/:token/accept',
  // Monitoring systems: each request carries its alert source's token, checked by the route.
  'POST /api/v1/alerts',
  'POST /api/v1/alerts/alertmanager',
  // Recipients acknowledge and answer through signed, expiring links.
  'GET /ack/:token',
  'POST /ack/:token',
  'GET /answer/:token',
  'POST /answer/:token',
  // The customer answers a connection check through its single-use link (the token is the key).
  'GET /check/:token',
  'POST /check/:token',
  // The customer confirms what they preserved through a preservation request's link (the token is the key).
  'GET /preserve/:token',
  'POST /preserve/:token',
  // The public report form (answers 404 unless an administrator turned it on).
  'GET /report',
  'POST /report',
  'GET /report/follow-up',
  'POST /report/follow-up',
  // The public key that checks signed exports: recipients outside Muster need it, and it is public by nature.
  'GET /api/v1/signing-key',
  'GET /api/v1/signing-key.pem',
  // The API's description: it documents the API and holds no data.
  'GET /api/v1/openapi.json',
  'GET /api/v1/docs',
  'GET /api/v1/docs/static/*',
  'GET /api/v1/docs/json',
  'GET /api/v1/docs/yaml',
  'GET /api/v1/docs/static/index.html',
  'GET /api/v1/docs/static/swagger-initializer.js',
  // The web interface's files (the sign-in page among them); they hold no data.
  'GET /*',
]);

/** Whether the route a request was matched to answers without authentication. */
export function isPublicRoute(method: string, pattern: string | undefined): boolean {
  return pattern !== undefined && PUBLIC_ROUTES.has(`${method === 'HEAD' ? 'GET' : method} ${pattern}`);
}
