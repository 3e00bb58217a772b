import { describe, expect, it } from 'vitest';
import { clientIp } from '../../../relay/client-network';

const request = (remote: string, forwarded?: string | string[]) => ({
  socket: { remoteAddress: remote } as never,
  headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
});

describe('the address the relay rate-limits', () => {
  it('is the socket peer when no proxy is trusted, whatever the headers claim', () => {
    expect(clientIp(request('10.0.0.5', '1.2.3.4'), 0)).toBe('10.0.0.5');
  });

  it('is the entry the trusted proxy appended, not one the client wrote', () => {
    expect(clientIp(request('10.0.0.1', '6.6.6.6, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1', ['6.6.6.6', '198.51.100.2, 10.0.0.2']), 2)).toBe('198.51.100.2');
  });

  it('falls back sensibly when the header is short or missing', () => {
    expect(clientIp(request('10.0.0.1', '203.0.113.9'), 3)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1'), 1)).toBe('10.0.0.1');
    expect(clientIp(request('10.0.0.1', ' , '), 1)).toBe('10.0.0.1');
  });
});
