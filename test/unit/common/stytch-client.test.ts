// The one Stytch client factory: the SDK's expected custom-URL warning goes to the debug log,
// every other warning still reaches the console, and console.warn is always put back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogFields, Logger } from '../../../common/ports';
import { createStytchClient } from '../../../common/stytch/client';

function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: LogFields }[] } {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  const log = (level: string) => (message: string, fields?: LogFields) => lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createStytchClient', () => {
  it('routes the custom-URL warning to the debug log, without the secret', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logger = recordingLogger();
    const client = createStytchClient({ projectId: 'project-test-x', secret: 'secret-test-very-private', apiUrl: 'http://127.0.0.1:4578', logger });
    expect(client.magicLinks).toBeDefined();
    expect(warn).not.toHaveBeenCalled();
    expect(logger.lines).toEqual([{ level: 'debug', message: 'stytch sdk: custom API URL in use', fields: { apiUrl: 'http://127.0.0.1:4578' } }]);
    expect(JSON.stringify(logger.lines)).not.toContain('very-private');
  });

  it('builds a client for Stytch itself without any notice', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logger = recordingLogger();
    createStytchClient({ projectId: 'project-live-x', secret: 'secret-live-y', apiUrl: undefined, logger });
    expect(warn).not.toHaveBeenCalled();
    expect(logger.lines).toEqual([]);
  });

  it('puts console.warn back, even when the SDK refuses the credentials', () => {
    const before = console.warn;
    expect(() => createStytchClient({ projectId: 'project-test-x', secret: '', apiUrl: 'http://127.0.0.1:1' })).toThrow(/secret/);
    expect(console.warn).toBe(before);
    createStytchClient({ projectId: 'project-test-x', secret: 's', apiUrl: 'http://127.0.0.1:1' });
    expect(console.warn).toBe(before);
  });
});
