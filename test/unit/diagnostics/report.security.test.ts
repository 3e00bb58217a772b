// Security gate: whatever the facts hold, the report a user pastes into a support ticket
// carries no token, JWT, verifier or secret.
import { describe, expect, it } from 'vitest';
import { buildDiagnosticsReport } from '../../../main/diagnostics/report';
import { baseFacts } from './facts';

const MAGIC_TOKEN = 'SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4x';
const SESSION_TOKEN = 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const SECRET = 'secret-live-80JASucyk7z_G8Z-7dVwZVGXL5NT_qGAQ2I=';
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6Imp3ay10ZXN0LTEifQ.eyJzdWIiOiJ1c2VyLXRlc3QtMSIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU';

describe('diagnostics report: no secrets', () => {
  it('drops secrets that leak into any fact', () => {
    const report = buildDiagnosticsReport({
      ...baseFacts,
      protocol: { isDefaultHandler: false, handlerName: `Other ${SESSION_TOKEN}` },
      storage: { ...baseFacts.storage, backend: `keychain ${JWT}` },
      connectivity: {
        target: 'stytch',
        url: `https://project-live-1:${SECRET}@api.stytch.com/v1/magic_links/authenticate?token=${MAGIC_TOKEN}#${VERIFIER}`,
        reachable: false,
        latencyMs: 40,
        detail: `401 unauthorized for session_jwt=${JWT} code_verifier=${VERIFIER} secret ${SECRET}`,
      },
      logFile: `/tmp/${MAGIC_TOKEN}/main.log`,
    });

    for (const secret of [MAGIC_TOKEN, SESSION_TOKEN, VERIFIER, SECRET, JWT]) {
      expect(report).not.toContain(secret);
    }
    // Nor a recognisable piece of one.
    for (const secret of [MAGIC_TOKEN, SESSION_TOKEN, VERIFIER, SECRET, JWT]) {
      expect(report).not.toContain(secret.slice(0, 16));
    }
    expect(report).toContain('[redacted]');
    expect(report).toMatch(/\d+ value\(s\) that looked like one were replaced with \[redacted\]/);
    // The useful parts survive.
    expect(report).toContain('Stytch at https://api.stytch.com/v1/magic_links/authenticate: NOT reachable in 40 ms');
  });
});

describe('diagnostics report: what support needs survives redaction', () => {
  it.each([
    ['a project id', { protocol: { isDefaultHandler: false, handlerName: 'project-live-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } }],
    ['a Linux log path', { logFile: '/home/ana42/.config/PromptGrimoire/logs/main.log' }],
    ['a Windows log path', { logFile: 'C:\\Users\\Ana2024\\AppData\\Roaming\\PromptGrimoire\\logs\\main.log' }],
    ['a keyring name', { storage: { backend: 'gnome_libsecret', encryptionAvailable: true, session: 'encrypted' as const } }],
  ])('keeps %s', (_name, override) => {
    const report = buildDiagnosticsReport({ ...baseFacts, ...override });
    expect(report).not.toContain('[redacted]');
    expect(report).toContain('This report holds no tokens, JWTs, verifiers or secrets.');
  });
});
