import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createElectronLogSink, logFilePath, type ElectronLogLike } from '../../../main/electron/log-sink';
import { createLogger } from '../../../common/log/logger';
import { TOKEN } from './stand-ins';

function fakeElectronLog() {
  const written: Array<[string, string]> = [];
  const log: ElectronLogLike = {
    debug: (...params: unknown[]) => void written.push(['debug', String(params[0])]),
    info: (...params: unknown[]) => void written.push(['info', String(params[0])]),
    warn: (...params: unknown[]) => void written.push(['warn', String(params[0])]),
    error: (...params: unknown[]) => void written.push(['error', String(params[0])]),
    transports: {
      file: { resolvePathFn: () => 'default.log', level: 'silly', maxSize: 1 },
      console: { level: 'silly' },
    },
  };
  return { log, written };
}

describe('electron-log sink', () => {
  it('writes to logs/main.log in the user-data folder and silences the console in production', () => {
    const { log } = fakeElectronLog();
    createElectronLogSink(log, { userDataDir: '/data/PromptGrimoire', production: true });
    expect(log.transports.file.resolvePathFn({} as never)).toBe(join('/data/PromptGrimoire', 'logs', 'main.log'));
    expect(logFilePath('/u')).toBe(join('/u', 'logs', 'main.log'));
    expect(log.transports.console.level).toBe(false);
  });

  it('keeps the console in development', () => {
    const { log } = fakeElectronLog();
    createElectronLogSink(log, { userDataDir: '/u', production: false });
    expect(log.transports.console.level).toBe('debug');
  });

  it('receives lines already redacted by the core logger', () => {
    const { log, written } = fakeElectronLog();
    const logger = createLogger(createElectronLogSink(log, { userDataDir: '/u', production: true }));
    logger.warn(`bad link promptgrimoire://auth/callback?token=${TOKEN}`, { token: TOKEN });
    expect(written).toHaveLength(1);
    expect(written[0]?.[0]).toBe('warn');
    expect(written[0]?.[1]).not.toContain(TOKEN);
  });
});
