import { describe, expect, it } from 'vitest';
import { containsSecret, redact } from '../../../main/diagnostics/redact';

// Shapes as Stytch issues them (values made up): 44-character base64url tokens, RS256 JWTs,
// secret-<env>-… project secrets, 43-character PKCE verifiers.
const MAGIC_TOKEN = 'SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4x';
const SESSION_TOKEN = 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const SECRET = 'secret-live-80JASucyk7z_G8Z-7dVwZVGXL5NT_qGAQ2I=';
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6Imp3ay10ZXN0LTEifQ.eyJzdWIiOiJ1c2VyLXRlc3QtMSIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU';

describe('redact', () => {
  it.each([
    ['a Stytch secret', `STYTCH_SECRET=${SECRET}`, SECRET],
    ['a JWT', `session ${JWT} expired`, JWT],
    ['a token in a deep link', `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${MAGIC_TOKEN}`, MAGIC_TOKEN],
    ['a named session token in JSON', `{"session_token":"${SESSION_TOKEN}"}`, SESSION_TOKEN],
    ['a bare session token', `failed for ${SESSION_TOKEN} today`, SESSION_TOKEN],
    ['a code verifier', `code_verifier=${VERIFIER}`, VERIFIER],
    ['a Basic header', 'Authorization: Basic cHJvamVjdC10ZXN0OnNlY3JldA==', 'cHJvamVjdC10ZXN0OnNlY3JldA=='],
    ['URL credentials', 'https://project-test-1:hunter2@api.stytch.com/v1', 'hunter2'],
  ])('removes %s', (_name, input, secret) => {
    const { text, found } = redact(input);
    expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(found.length).toBeGreaterThan(0);
    expect(containsSecret(text)).toBe(false);
  });

  it('counts each secret once even when two rules would match it', () => {
    expect(redact(`{"session_jwt":"${JWT}"}`).found).toEqual(['jwt']);
  });

  it.each([
    'project-live-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    '/home/ana42/.config/PromptGrimoire/logs/main.log',
    'C:\\Users\\Ana2024\\AppData\\Roaming\\PromptGrimoire\\logs\\main.log',
    'https://api.stytch.com/v1/magic_links/authenticate',
    'PromptGrimoire 0.1.0 (stable channel, installed build)',
    'gnome_libsecret',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redact(text)).toEqual({ text, found: [] });
  });
});
