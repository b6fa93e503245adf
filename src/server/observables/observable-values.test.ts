// The shared value rule (src/shared/observable-values.ts) is tested here: shared/ holds no tests (the web type-check reads it).
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatIpv6, inferObservableType, normaliseObservable, parseIpv6 } from '../../shared/observable-values.ts';

const stored = (raw: string, type?: Parameters<typeof normaliseObservable>[1]) => {
  const result = normaliseObservable(raw, type);
  assert.ok(result.ok, `${raw} (${type}) was refused: ${result.ok ? '' : result.message}`);
  return `${result.type} ${result.value}`;
};
const refused = (raw: string, type?: Parameters<typeof normaliseObservable>[1]) => {
  const result = normaliseObservable(raw, type);
  assert.ok(!result.ok, `${raw} (${type}) was accepted as ${result.ok ? result.value : ''}`);
  return result.message;
};

describe('observable values', () => {
  it('writes IPv6 addresses the RFC 5952 way: lower case, no leading zeros, the longest zero run as ::', () => {
    assert.equal(stored('2001:0DB8:0000:0000:0000:0000:0000:0001', 'ipv6'), 'ipv6 2001:db8::1');
    assert.equal(stored('2001:db8:0:0:1:0:0:1', 'ipv6'), 'ipv6 2001:db8::1:0:0:1', 'the first of two equal runs');
    assert.equal(stored('2001:db8:0:1:1:1:1:1', 'ipv6'), 'ipv6 2001:db8:0:1:1:1:1:1', 'one zero group stays 0');
    assert.equal(stored('2001:db8:0:0:1:0:0:0', 'ipv6'), 'ipv6 2001:db8:0:0:1::', 'the longest run wins');
    assert.equal(stored('[fe80::AB]', 'ipv6'), 'ipv6 fe80::ab');
    assert.equal(stored('::', 'ipv6'), 'ipv6 ::');
    assert.equal(stored('64:ff9b::192.0.2.33', 'ipv6'), 'ipv6 64:ff9b::c000:221');
  });

  it('stores an IPv4-mapped IPv6 address as the IPv4 address, so that both spellings meet', () => {
    assert.equal(stored('::ffff:192.0.2.1', 'ipv6'), 'ipv4 192.0.2.1');
    assert.equal(stored('::FFFF:c000:0201'), 'ipv4 192.0.2.1');
  });

  it('agrees with node:net on what is an IPv6 address, and its text reads back as the same address', () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const text = formatIpv6(groups);
        assert.equal(isIP(text), 6, text);
        assert.deepEqual(parseIpv6(text), groups);
      }),
    );
    const piece = fc.constantFrom('0', '1', 'ffff', 'DB8', '00000', 'g', '', ':', '::', '.', '1.2.3.4', '256.1.1.1');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join(':');
        if (text.includes('%')) return;
        assert.equal(parseIpv6(text) !== null, isIP(text) === 6, `parseIpv6 and isIP disagree on "${text}"`);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses IPv4 addresses out of range or with leading zeros, naming the value', () => {
    assert.equal(stored(' 192.0.2.10 ', 'ipv4'), 'ipv4 192.0.2.10');
    assert.match(refused('999.1.1.1', 'ipv4'), /^Not an IPv4 address: 999\.1\.1\.1/);
    assert.match(refused('010.1.1.1', 'ipv4'), /without leading zeros/);
    assert.match(refused('fe80::1%eth0', 'ipv6'), /zone/);
  });

  it('writes domains in lower case without the trailing dot, and international names as punycode', () => {
    assert.equal(stored('Mail.Example.COM.', 'domain'), 'domain mail.example.com');
    assert.equal(stored('bücher.example', 'domain'), 'domain xn--bcher-kva.example');
    assert.equal(stored('_dmarc.example.com', 'domain'), 'domain _dmarc.example.com');
    assert.match(refused('localhost', 'domain'), /at least two labels/);
    assert.match(refused('example.com/path', 'domain'), /without scheme, path/);
    assert.match(refused('-bad.example.com', 'domain'), /"-bad" is not a label/);
    assert.match(refused('1.2.3.999', 'domain'), /IP address/);
  });

  it('accepts defanged indicators', () => {
    assert.equal(stored('hxxps://evil[.]example/Login?a=1'), 'url https://evil.example/Login?a=1');
    assert.equal(stored('evil(dot)example[.]com'), 'domain evil.example.com');
    assert.equal(stored('198.51.100[.]7'), 'ipv4 198.51.100.7');
    assert.equal(stored('Boss[@]Example[.]COM'), 'email Boss@example.com');
  });

  it('writes URLs the WHATWG way: scheme and host in lower case, default port dropped, the path kept', () => {
    assert.equal(stored('HTTP://Evil.Example:80/a/../Payload.exe', 'url'), 'url http://evil.example/Payload.exe');
    assert.equal(stored('https://bücher.example', 'url'), 'url https://xn--bcher-kva.example/');
    assert.match(refused('evil.example/payload', 'url'), /give the scheme/);
    assert.match(refused('mailto:a@example.com', 'url'), /give the scheme/);
  });

  it('keeps hashes as lower-case hex of their exact length, and says which length it saw', () => {
    assert.equal(stored('D41D8CD98F00B204E9800998ECF8427E', 'md5'), 'md5 d41d8cd98f00b204e9800998ecf8427e');
    assert.equal(
      refused('d41d8cd98f00b204e9800998ecf8427e', 'sha256'),
      'Not a SHA-256 hash: expected 64 hexadecimal characters, got 32 (that is the length of MD5)',
    );
    assert.match(refused('z41d8cd98f00b204e9800998ecf8427e', 'md5'), /^Not an MD5 hash: .*only the digits/);
  });

  it('keeps the local part of an e-mail address as written and lower-cases its domain', () => {
    assert.equal(stored('mailto:Ceo.Office@Example.COM', 'email'), 'email Ceo.Office@example.com');
    assert.match(refused('no-at-sign.example', 'email'), /^Not an e-mail address/);
    assert.match(refused('a@localhost', 'email'), /two labels/);
  });

  it('keeps file names and accounts as written, refusing paths and control characters', () => {
    assert.equal(stored(' Invoice.PDF.exe ', 'filename'), 'filename Invoice.PDF.exe');
    assert.equal(stored('CORP\\svc-backup', 'account'), 'account CORP\\svc-backup');
    assert.match(refused('C:\\Users\\x\\evil.exe', 'filename'), /is a path; give the name alone \(evil\.exe\)/);
    assert.match(refused('bad\u0000name', 'account'), /control characters/);
  });

  it('infers the type when only one fits, and asks for it otherwise', () => {
    const inferred = (raw: string) => {
      const result = inferObservableType(raw);
      return result.ok ? result.type : result.message;
    };
    assert.equal(inferred('203.0.113.5'), 'ipv4');
    assert.equal(inferred('2001:db8::5'), 'ipv6');
    assert.equal(inferred('https://evil.example/x'), 'url');
    assert.equal(inferred('evil.example'), 'domain');
    assert.equal(inferred('a@evil.example'), 'email');
    assert.equal(inferred('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'), 'sha256');
    assert.equal(inferred('da39a3ee5e6b4b0d3255bfef95601890afd80709'), 'sha1');
    assert.match(inferred('invoice.pdf'), /domain or a file name: choose the type/);
    assert.match(inferred('svc-backup'), /choose the type/);
    const missing = normaliseObservable('svc-backup');
    assert.ok(!missing.ok && missing.field === 'type');
  });
});
