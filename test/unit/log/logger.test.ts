import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../common/log/logger';
import { redactText } from '../../../common/log/redact';

const TOKEN = 'knknDMZgLKljjIYfZCS-f2yN7zR1YlgYSdPsFzK51lJG';
const PADDED = 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLWJ5dGVz';
const VERIFIER = 'M8mA0e5Jk3vQ1bYl6sT9wXz2Cq4Rp7Uf0Hn5Gd8Ki2o';

function capture(minLevel?: 'debug' | 'info') {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level}: ${line}`), minLevel ? { minLevel } : {});
  return { lines, logger };
}

describe('createLogger', () => {
  it('redacts tokens, JWTs, verifiers and secrets in message text', () => {
    const { lines, logger } = capture();
    logger.warn(`bad link promptgrimoire://auth/callback?token=${TOKEN} jwt ${JWT} v=${VERIFIER} pad=${PADDED} key secret-test-abc Basic cHJvamVjdDpzZWNyZXQ=`);
    const line = lines.join('\n');
    for (const secret of [TOKEN, JWT, VERIFIER, PADDED, 'secret-test-abc', 'cHJvamVjdDpzZWNyZXQ=']) expect(line).not.toContain(secret);
    expect(line).toContain('promptgrimoire://auth/callback?token=[redacted]');
  });

  it('redacts fields whose key names a secret and keeps harmless ones', () => {
    const { lines, logger } = capture();
    logger.info('event', {
      session_token: 'short',
      nested: { Authorization: 'x', code_challenge: 'y', list: [{ codeVerifier: 'z' }] },
      user_id: 'user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6',
      hasToken: true,
      error: new Error(`failed for ${TOKEN}`),
    });
    const line = lines[0] ?? '';
    expect(line).not.toMatch(/short|"x"|"y"|"z"/);
    expect(line).toContain('user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6');
    expect(line).toContain('"hasToken":true');
    expect(line).toContain('failed for [redacted]');
  });

  it('drops lines below the minimum level and survives a throwing sink and cycles', () => {
    const { lines, logger } = capture('info');
    logger.debug('hidden');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    logger.error('shown', cyclic);
    expect(lines).toEqual(['error: shown {"self":"[circular]"}']);
    const broken = createLogger(() => {
      throw new Error('disk full');
    });
    expect(() => broken.info('x')).not.toThrow();
  });

  it('leaves ordinary text alone', () => {
    expect(redactText('sent link to person@example.com in 120 ms')).toBe('sent link to person@example.com in 120 ms');
  });
});
