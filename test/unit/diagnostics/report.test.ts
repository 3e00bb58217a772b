import { describe, expect, it } from 'vitest';
import { buildDiagnosticsReport } from '../../../main/diagnostics/report';
import { baseFacts } from './facts';


describe('buildDiagnosticsReport', () => {
  it("says when a support staff's test build lets the environment change its settings", () => {
    const facts = { ...baseFacts, app: { ...baseFacts.app, environmentOverrides: 'allowed' as const } };
    expect(buildDiagnosticsReport(facts)).toContain('Environment overrides: honoured (allowEnvironmentOverrides is set');
  });

  it('words a healthy installation', () => {
    expect(buildDiagnosticsReport(baseFacts)).toBe(
      [
        'PromptGrimoire diagnostics',
        '  Generated: 2025-01-02T03:04:05.000Z',
        '',
        'App',
        '  Version: 0.1.0 (stable channel, installed build)',
        '  Electron: 45.5.0',
        '  Sign-in: through the relay',
        '  Environment overrides: ignored (installed build; only STYTCH_SECRET is read)',
        '  Crash reports: off',
        '  Updates: off (this installation never looks for updates)',
        '',
        'System',
        '  OS: macOS 24.1.0 (arm64)',
        '',
        'Deep links (promptgrimoire://)',
        '  Registered handler: this app',
        '  Sign-in links open PromptGrimoire directly.',
        '',
        'Session storage',
        '  Encryption backend: keychain',
        '  OS encryption available: yes',
        '  Session: signed in; the session is stored encrypted on disk',
        '',
        'Connectivity',
        '  Sign-in relay at https://relay.example.org: reachable in 123 ms',
        '',
        'Log file',
        '  /Users/ana/Library/Logs/PromptGrimoire/main.log',
        '',
        'This report holds no tokens, JWTs, verifiers or secrets.',
        '',
      ].join('\n'),
    );
  });

  it('names the app that owns the scheme when it is not this one', () => {
    const report = buildDiagnosticsReport({ ...baseFacts, protocol: { isDefaultHandler: false, handlerName: 'Electron' } });
    expect(report).toContain('Registered handler: another app: Electron');
    expect(report).toContain('paste the link');
    expect(report).toContain('two builds claim the scheme');
  });

  it('says when nothing owns the scheme', () => {
    const report = buildDiagnosticsReport({ ...baseFacts, protocol: { isDefaultHandler: false, handlerName: null } });
    expect(report).toContain('Registered handler: none');
  });

  it('points an AppImage without desktop integration at the fix', () => {
    const report = buildDiagnosticsReport({
      ...baseFacts,
      os: { platform: 'linux', release: '6.8.0', arch: 'x64', linuxPackage: 'AppImage' },
      protocol: { isDefaultHandler: false, handlerName: null },
    });
    expect(report).toContain('OS: Linux 6.8.0 (x64)');
    expect(report).toContain('Installed as: AppImage');
    expect(report).toContain('an AppImage does not register URL schemes by itself');
  });

  it('treats basic_text as no encryption and explains the memory-only session', () => {
    const report = buildDiagnosticsReport({
      ...baseFacts,
      os: { platform: 'linux', release: '6.8.0', arch: 'x64', linuxPackage: 'deb' },
      storage: { backend: 'basic_text', encryptionAvailable: true, session: 'memory-only' },
    });
    expect(report).toContain('Encryption backend: basic_text (no OS keyring; not real encryption)');
    expect(report).toContain('OS encryption available: no');
    expect(report).toContain('kept in memory only');
  });

  it('reports an unreachable service with its error, and an unchecked one', () => {
    const down = buildDiagnosticsReport({
      ...baseFacts,
      app: { ...baseFacts.app, mode: 'direct' },
      connectivity: { target: 'stytch', url: 'https://api.stytch.com', reachable: false, latencyMs: 5000, detail: 'timed out' },
    });
    expect(down).toContain('Stytch at https://api.stytch.com: NOT reachable in 5000 ms (timed out)');
    expect(buildDiagnosticsReport({ ...baseFacts, connectivity: null })).toContain('Connectivity\n  Not checked.');
  });
});
