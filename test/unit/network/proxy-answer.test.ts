import { describe, expect, it } from 'vitest';
import { describeRoute, parseProxyAnswer } from '../../../main/network/proxy-answer';

describe('parseProxyAnswer', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }],
    ['PROXY proxy.corp.example:3128; DIRECT', { kind: 'proxy', scheme: 'http', host: 'proxy.corp.example', port: 3128 }],
    ['  proxy 10.0.0.1:8080 ', { kind: 'proxy', scheme: 'http', host: '10.0.0.1', port: 8080 }],
    ['HTTPS secure.corp.example:443', { kind: 'proxy', scheme: 'https', host: 'secure.corp.example', port: 443 }],
    ['PROXY [fd00::1]:8080', { kind: 'proxy', scheme: 'http', host: '[fd00::1]', port: 8080 }],
    ['PROXY proxy.corp.example', { kind: 'proxy', scheme: 'http', host: 'proxy.corp.example', port: 80 }],
  ])('%s', (answer, route) => {
    expect(parseProxyAnswer(answer).route).toEqual(route);
  });

  it('skips what it cannot use (SOCKS, QUIC) and takes the next usable entry, as Chromium falls back', () => {
    expect(parseProxyAnswer('SOCKS5 127.0.0.1:1080; PROXY p.example:8080')).toEqual({
      route: { kind: 'proxy', scheme: 'http', host: 'p.example', port: 8080 },
      skipped: ['SOCKS5 127.0.0.1:1080'],
    });
  });

  it.each([
    'PROXY evil.example/path:80',
    'PROXY user:pass@evil.example:80',
    'PROXY evil.example:99999',
    'PROXY http://evil.example:80',
    'PROXY evil.example:80 extra',
    'garbage',
    '',
  ])('hostile or unreadable %j never becomes a proxy URL: direct', (answer) => {
    expect(parseProxyAnswer(answer).route).toEqual({ kind: 'direct' });
  });

  it('keeps a skipped entry short in the log', () => {
    expect(parseProxyAnswer(`PROXY ${'a'.repeat(500)}/`).skipped[0]).toHaveLength(80);
  });

  it('words the route for Diagnostics', () => {
    expect(describeRoute({ kind: 'direct' })).toBe('direct');
    expect(describeRoute({ kind: 'proxy', scheme: 'http', host: 'p.example', port: 3128 })).toBe('through proxy p.example:3128');
    expect(describeRoute({ kind: 'proxy', scheme: 'https', host: 'p.example', port: 443 })).toBe('through HTTPS proxy p.example:443');
  });
});
