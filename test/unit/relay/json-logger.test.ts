import { describe, expect, it } from 'vitest';
import { createRelayLog, type RelayLogOptions } from '../../../relay/json-logger';

const jwt =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLXRlc3QtMSJ9.c2lnbmF0dXJlLWJ5dGVzLWdvLWhlcmUtYW5kLWhlcmU';
const token = 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94';

function capture(options: RelayLogOptions = {}) {
  const lines: string[] = [];
  const { logger, pino } = createRelayLog((line) => lines.push(line), { now: () => Date.UTC(2030, 0, 1), ...options });
  return { lines, logger, pino };
}

describe('relay log (pino with redaction)', () => {
  it('writes one JSON object per event with time, level, message and fields', () => {
    const { lines, logger } = capture();
    logger.info('request', { route: 'POST /v1/magic-links/send', status: 200, duration_ms: 12 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: '2030-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'request',
      route: 'POST /v1/magic-links/send',
      status: 200,
      duration_ms: 12,
    });
  });

  it('redacts tokens, JWTs and verifiers by key and by shape, in messages and nested fields', () => {
    const { lines, logger } = capture();
    logger.warn(`failed for ${token}`, {
      session_token: token,
      nested: { note: `jwt was ${jwt}`, code_verifier: 'v'.repeat(43) },
      hasToken: true,
    });
    const line = lines[0] ?? '';
    expect(line).not.toContain(token);
    expect(line).not.toContain(jwt);
    expect(line).not.toContain('v'.repeat(43));
    expect(JSON.parse(line)).toMatchObject({ hasToken: true });
  });

  it('scrubs the configured secret wherever it appears, whatever it looks like', () => {
    const { lines, logger } = capture({ secrets: ['plainwordsecret', 'short'] });
    logger.error('upstream said plainwordsecret is wrong', { detail: 'xplainwordsecretx', other: 'short' });
    expect(lines[0]).not.toContain('plainwordsecret');
    // Very short strings are not scrubbed: they would mangle ordinary words.
    expect(lines[0]).toContain('short');
  });

  it('drops lines below the minimum level and keeps its own keys authoritative', () => {
    const { lines, logger } = capture({ minLevel: 'warn' });
    logger.info('quiet');
    logger.debug('quieter');
    logger.warn('loud', { level: 'debug', msg: 'spoofed', time: 'then' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ time: '2030-01-01T00:00:00.000Z', level: 'warn', msg: 'loud' });
  });

  it('survives a throwing sink and unserializable fields', () => {
    const { logger } = createRelayLog(() => {
      throw new Error('disk full');
    });
    expect(() => logger.info('still fine', { big: BigInt(1) })).not.toThrow();
  });

  it('redacts what is logged through pino directly (as fastify does), bindings included', () => {
    const { lines, pino } = capture({ secrets: ['plainwordsecret'] });
    pino.child({ session: token }).info({ req: { headers: { authorization: `Bearer ${token}` } }, note: 'plainwordsecret' }, `jwt ${jwt}`);
    const line = lines[0] ?? '';
    expect(line).not.toContain(token);
    expect(line).not.toContain(jwt);
    expect(line).not.toContain('plainwordsecret');
  });
});
