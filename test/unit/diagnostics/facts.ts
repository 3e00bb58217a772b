// A healthy installation's facts, shared by the report tests.
import type { DiagnosticsFacts } from '../../../main/diagnostics/report';

export const baseFacts: DiagnosticsFacts = {
  generatedAt: new Date('2025-01-02T03:04:05Z'),
  app: { version: '0.1.0', channel: 'stable', packaged: true, electronVersion: '45.5.0', mode: 'relay', environmentOverrides: 'ignored', crashReportsTo: null, updates: { mode: 'off', channel: 'stable', status: 'idle', lastCheck: null } },
  os: { platform: 'darwin', release: '24.1.0', arch: 'arm64' },
  protocol: { isDefaultHandler: true, handlerName: 'PromptGrimoire' },
  storage: { backend: 'keychain', encryptionAvailable: true, session: 'encrypted' },
  connectivity: { target: 'relay', url: 'https://relay.example.org/', reachable: true, latencyMs: 123.4 },
  logFile: '/Users/ana/Library/Logs/PromptGrimoire/main.log',
};
