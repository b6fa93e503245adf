import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactUrls, urlShape } from './redact.ts';

describe('urlShape', () => {
  const table: [string, string | null][] = [
    ['https://hooks.slack.com/services/T000/B000/XXXX', 'https://hooks.slack.com/…'],
    ['https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456', 'https://acme.webhook.office.com/…'],
    ['http://127.0.0.1:8065/hooks/xyz', 'http://127.0.0.1:8065/…'],
    ['https://sms.example/send?apikey=s3cret', 'https://sms.example/…'],
    ['https://user:pass@gw.example:8443/', 'https://gw.example:8443/…'],
    ['  https://x.example/h#frag  ', 'https://x.example/…'],
    ['http://[::1]:9000/x', 'http://[::1]:9000/…'],
    ['ola@acme.example', null],
    ['+47 912 34 567', null],
    ['mailto:ola@acme.example', null],
    ['not a url', null],
    ['https://', null],
  ];
  for (const [address, shape] of table) {
    it(`${address.trim() || '(empty)'} → ${shape}`, () => assert.equal(urlShape(address), shape));
  }
});

describe('redactUrls', () => {
  it('masks every URL in a text and keeps the rest', () => {
    assert.equal(
      redactUrls('webhook to SOC <https://hooks.slack.com/services/T/B/X?token=1>, then https://sms.example/send?key=2.'),
      'webhook to SOC <https://hooks.slack.com/…>, then https://sms.example/….',
    );
  });
  it('leaves the paths of code in a stack trace alone', () => {
    const stack = 'Error: no\n    at findEvidenceByHash (file:///srv/muster/src/server/evidence/evidence.queries.ts:12:3)';
    assert.equal(redactUrls(stack), stack);
  });
  it('leaves e-mail addresses, phone numbers and plain words alone', () => {
    const text = 'email to Ola <ola@acme.example>; call +47 912 34 567 (duty phone)';
    assert.equal(redactUrls(text), text);
  });
  it('masks a URL it cannot parse down to its scheme', () => {
    assert.equal(redactUrls('at https://[bad/secret now'), 'at https://… now');
  });
  it('masks userinfo', () => {
    assert.doesNotMatch(redactUrls('smtp://muster:hunter2@mail.example:587'), /hunter2|muster:/);
  });
});
