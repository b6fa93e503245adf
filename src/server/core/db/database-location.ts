import path from 'node:path';

/** Where the configured database is, in words for the operator; never the PostgreSQL user or password. */
export function databaseLocation(config: { dataDir: string; databaseUrl: string | null }): string {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    const name = decodeURIComponent(url.pathname.slice(1)) || '(the default)';
    return `the PostgreSQL database ${name} on ${url.hostname}:${url.port || '5432'} (DATABASE_URL)`;
  }
  return `DATA_DIR ${config.dataDir} (${path.join(config.dataDir, 'muster.sqlite')})`;
}
