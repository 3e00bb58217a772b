import { describe, expect, it } from 'vitest';
import { networkProblem } from '../../../main/network/network-problems';
import { trustedCertificates } from '../../../main/network/trusted-cas';
import { isNetworkFailure } from '../../../main/session/session-keeper';

const codeError = (code: string) => Object.assign(new Error(code), { code });

describe('networkProblem', () => {
  it.each(['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'DEPTH_ZERO_SELF_SIGNED_CERT'])(
    'names %s an untrusted certificate, also as fetch’s cause',
    (code) => {
      expect(networkProblem(codeError(code))).toBe('certificate-untrusted');
      expect(networkProblem(new TypeError('fetch failed', { cause: codeError(code) }))).toBe('certificate-untrusted');
    },
  );

  it('names a 407 from the proxy', () => {
    expect(networkProblem(new Error('Proxy response (407) !== 200 when HTTP Tunneling'))).toBe('proxy-auth-required');
  });

  it('leaves everything else to the caller (offline, timeouts, other proxy answers)', () => {
    expect(networkProblem(codeError('ECONNREFUSED'))).toBeNull();
    expect(networkProblem(codeError('UND_ERR_HEADERS_TIMEOUT'))).toBeNull();
    expect(networkProblem(new Error('Proxy response (502) !== 200 when HTTP Tunneling'))).toBeNull();
    expect(networkProblem('a string')).toBeNull();
    expect(networkProblem(null)).toBeNull();
  });

  it('stops on a cause that loops', () => {
    const looping: { code: string; cause?: unknown } = { code: 'ECONNRESET' };
    looping.cause = looping;
    expect(networkProblem(looping)).toBeNull();
  });
});

describe('trustedCertificates', () => {
  it('trusts the defaults and the system store, once each', () => {
    const trusted = trustedCertificates({ defaults: () => ['A\n', 'B'], system: () => ['B', 'C'] });
    expect(trusted).toEqual({ certificates: ['A', 'B', 'C'], systemCount: 2 });
  });

  it('works where the system store is empty or unreadable', () => {
    expect(trustedCertificates({ defaults: () => ['A'], system: () => [] })).toEqual({ certificates: ['A'], systemCount: 0 });
  });
});

describe('a signed-in session behind a proxy problem', () => {
  it('is kept and flagged offline, as behind a dead network, not treated as Stytch answering', () => {
    expect(isNetworkFailure({ code: 'certificate-untrusted' })).toBe(true);
    expect(isNetworkFailure({ code: 'proxy-auth-required' })).toBe(true);
    expect(isNetworkFailure({ code: 'stytch-unavailable' })).toBe(false);
  });
});
