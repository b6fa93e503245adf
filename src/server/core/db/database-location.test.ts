import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databaseLocation } from './database-location.ts';

describe('databaseLocation', () => {
  it('names the SQLite file in DATA_DIR', () => {
    assert.equal(
      databaseLocation({ dataDir: '/srv/muster/data', databaseUrl: null }),
      'DATA_DIR /srv/muster/data (/srv/muster/data/muster.sqlite)',
    );
  });

  it('names the PostgreSQL database and host, never the credentials', () => {
    const shown = databaseLocation({ dataDir: '/x', databaseUrl: 'postgres://muster:s3cret@db.example:6543/muster_prod' });
    assert.equal(shown, 'the PostgreSQL database muster_prod on db.example:6543 (DATABASE_URL)');
    assert.equal(databaseLocation({ dataDir: '/x', databaseUrl: 'postgresql://db.example/m' }).includes('db.example:5432'), true);
  });
});
