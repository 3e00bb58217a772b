// The installed-app specs' own readings, checked against the real thing where it runs here:
// the log is written by electron-log through the app's own sink and logger, exactly as the
// installed app writes it; the skip reason names the variable and how to get an app.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createElectronLogSink } from '../../../main/electron/log-sink';
import { createLogger } from '../../../common/log/logger';
import { loadAppConfig } from '../../../scripts/dist';
import { countLogEvents, INSTALLED_APP_ENV, installedAppSkipReason, QA_APP_CONFIG, readLog } from '../../installed/installed-app';

let userDataDir: string | undefined;
afterEach(async () => {
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  userDataDir = undefined;
});

describe('reading the installed app\u2019s log', () => {
  it('counts each event the app logged, at any level, and nothing that merely mentions it', async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'installed-log-'));
    const profile = { userDataDir };
    expect(readLog(profile)).toBe('');

    const electronLog = log.create({ logId: `installed-app-test-${process.pid}` });
    const logger = createLogger(createElectronLogSink(electronLog, { userDataDir, production: true }), { minLevel: 'debug' });
    logger.info('starting', { version: '0.1.0' });
    logger.info('configuration loaded', { mode: 'relay' });
    logger.warn('signed in');
    logger.error('signed in', { persistence: 'memory' });
    logger.info('ignored a sign-in link while already signed in');

    const text = readLog(profile);
    expect(countLogEvents(text, 'starting')).toBe(1);
    expect(countLogEvents(text, 'configuration loaded')).toBe(1);
    expect(countLogEvents(text, 'signed in')).toBe(2);
    expect(countLogEvents(text, 'restored the stored session')).toBe(0);
  });
});

describe('installedAppSkipReason', () => {
  it('skips, saying how to get an installed app, when none is named', () => {
    const reason = installedAppSkipReason({});
    expect(reason).toContain(`${INSTALLED_APP_ENV} is not set`);
    expect(reason).toContain('npm run dist -- --config test/installed/qa-app-config.json');
  });

  it('skips when the named executable does not exist, naming it', () => {
    expect(installedAppSkipReason({ [INSTALLED_APP_ENV]: '/nowhere/promptgrimoire-desktop' })).toContain(
      'is /nowhere/promptgrimoire-desktop, which does not exist',
    );
  });

  it('runs when the named executable exists', async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'installed-exe-'));
    const executable = join(userDataDir, 'promptgrimoire-desktop');
    await writeFile(executable, '');
    expect(installedAppSkipReason({ [INSTALLED_APP_ENV]: executable })).toBeNull();
  });
});

describe('the QA app-config the installers are built from', () => {
  it('passes the installer build\u2019s own validation: relay mode, no secret, a loopback relay on a fixed port', () => {
    const loaded = loadAppConfig(QA_APP_CONFIG, false);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const config = JSON.parse(loaded.json) as { mode: string; relayUrl: string; stytch: Record<string, unknown>; allowEnvironmentOverrides?: boolean };
    expect(config.mode).toBe('relay');
    // A support-staff test build: each spec gives the app its own profile through
    // PROMPTGRIMOIRE_USER_DATA_DIR, which an installed app honours only when this says so.
    expect(config.allowEnvironmentOverrides).toBe(true);
    expect(config.stytch).not.toHaveProperty('secret');
    expect(new URL(config.relayUrl)).toMatchObject({ hostname: '127.0.0.1', port: '4590' });
    // The build says, loudly, that this installer is for this computer only.
    expect(loaded.warnings.join(' ')).toContain('plain-http loopback address');
  });
});
