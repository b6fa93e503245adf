import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, logUrl } from './logger.ts';

describe('logUrl', () => {
  const table: [string, string][] = [
    ['/ack/v1.abc.def', '/ack/…'],
    ['/answer/v1.abc.def?x=1', '/answer/…?x=1'],
    ['/check/Zm9vYmFy_-', '/check/…'],
    ['/setup?token=abc&next=/', '/setup?token=…&next=/'],
    ['/api/v1/incidents?q=ack', '/api/v1/incidents?q=ack'],
  ];
  for (const [url, logged] of table) it(`${url} → ${logged}`, () => assert.equal(logUrl(url), logged));
});

describe('createLogger', () => {
  it('writes errors and requests without URLs or link keys', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    log.error({ err: new TypeError('Failed to parse URL from https://hooks.slack.com/services/T/B/SECRET') }, 'failed');
    log.info({ req: { method: 'GET', url: '/ack/SECRET.token', host: 'x', ip: '127.0.0.1' } }, 'incoming request');
    const text = lines.join('');
    assert.match(text, /Failed to parse URL from https:\/\/hooks\.slack\.com\/…/);
    assert.match(text, /"url":"\/ack\/…"/);
    assert.doesNotMatch(text, /SECRET/);
  });
});
