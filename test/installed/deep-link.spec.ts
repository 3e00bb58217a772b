// Through the real OS: the installed app (deb, NSIS or .app, the builds that register the
// promptgrimoire:// scheme) receives an emailed link opened with xdg-open, start or open,
// once while it runs and once while it is closed. The outcome is read from Stytch (a
// session exists for that user) and from the app's log file, never through a debugger.
// The app is built from test/installed/qa-app-config.json: relay mode, with the relay this
// spec starts on that file's loopback port in front of a local emulator.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CALLBACK_URL } from '../../common/stytch/constants';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { parsePackagedConfig } from '../../main/packaged-config';
import { startRelay, type RunningRelay } from '../../relay/server';
import { followEmailedLink, latestEmail, stytchClientFor } from '../e2e/fixtures';
import {
  countLogEvents,
  exited,
  installedAppSkipReason,
  openThroughOs,
  QA_APP_CONFIG,
  readLog,
  startInstalledApp,
  stopInstalledApp,
  type Profile,
} from './installed-app';

// A packaged app's cold start, relay and emulator included, can take a while on CI runners.
const OUTCOME_TIMEOUT_MS = 60_000;

// The project exists only when PROMPTGRIMOIRE_INSTALLED_APP is set (playwright.config.ts); a
// wrong path fails at once, saying what to fix.
const missing = installedAppSkipReason();
if (missing !== null) throw new Error(missing);
// The OS has one handler for the scheme: one app at a time.
test.describe.configure({ mode: 'serial', timeout: 3 * OUTCOME_TIMEOUT_MS });

let emulator: RunningEmulator;
let relay: RunningRelay;
let profile: Profile;

test.beforeAll(async () => {
  const parsed = parsePackagedConfig(JSON.parse(readFileSync(QA_APP_CONFIG, 'utf8')), { allowEmbeddedSecret: false });
  if (!parsed.ok || parsed.config.relayUrl === undefined) throw new Error(`${QA_APP_CONFIG} is not a relay-mode app-config`);
  const relayUrl = new URL(parsed.config.relayUrl);
  emulator = await startEmulator({ projectId: parsed.config.stytch.projectId });
  relay = await startRelay({
    stytch: { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url },
    host: relayUrl.hostname,
    port: Number(relayUrl.port),
    signupPolicy: 'open',
    invitesEnabled: false,
    logLine: () => undefined,
  });
});

test.afterAll(async () => {
  await relay?.close();
  await emulator?.close();
});

test.beforeEach(async () => {
  profile = { userDataDir: await mkdtemp(join(tmpdir(), 'promptgrimoire-installed-')) };
});

test.afterEach(async () => {
  await stopInstalledApp(profile);
  // The profile goes with the test; a failed test keeps the app's log in the report.
  const info = test.info();
  if (info.status !== info.expectedStatus) await info.attach('main.log', { body: readLog(profile), contentType: 'text/plain' });
  await rm(profile.userDataDir, { recursive: true, force: true });
});

/** What a person's browser does with the emailed link: the promptgrimoire:// URL it is sent to. */
async function emailedLink(email: string): Promise<string> {
  await stytchClientFor(emulator).magicLinks.email.loginOrCreate({
    email,
    login_magic_link_url: CALLBACK_URL,
    signup_magic_link_url: CALLBACK_URL,
  });
  return followEmailedLink(latestEmail(emulator, email));
}

/** The app logged one sign-in, Stytch holds one session for the person, and no token was logged. */
async function expectSignedIn(email: string, link: string): Promise<void> {
  await expect
    .poll(() => countLogEvents(readLog(profile), 'signed in'), {
      message: `the app's log (${profile.userDataDir}) never said "signed in"`,
      timeout: OUTCOME_TIMEOUT_MS,
    })
    .toBe(1);
  const { sessions } = await stytchClientFor(emulator).sessions.get({ user_id: latestEmail(emulator, email).user_id });
  expect(sessions).toHaveLength(1);
  const token = new URL(link).searchParams.get('token') ?? '';
  expect(token).not.toBe('');
  expect(readLog(profile)).not.toContain(token);
}

test('a link opened while the app runs reaches the running app, which signs in', async () => {
  const app = startInstalledApp(profile);
  await expect
    .poll(() => countLogEvents(readLog(profile), 'configuration loaded'), { timeout: OUTCOME_TIMEOUT_MS })
    .toBe(1);

  const link = await emailedLink('running.app@example.com');
  const opener = openThroughOs(link, profile);
  await expectSignedIn('running.app@example.com', link);

  // The OS's second process handed the link over and quit: it never started up itself.
  expect(await exited(opener)).toBe(0);
  expect(countLogEvents(readLog(profile), 'starting')).toBe(1);
  expect(app.exitCode).toBeNull();
});

test('a link opened while the app is closed starts it, and it signs in (cold start)', async () => {
  expect(readLog(profile)).toBe('');

  const link = await emailedLink('cold.start@example.com');
  // On Linux xdg-open stays until the app it started quits; afterEach quits it.
  openThroughOs(link, profile).unref();
  await expectSignedIn('cold.start@example.com', link);
  expect(countLogEvents(readLog(profile), 'starting')).toBe(1);
});
