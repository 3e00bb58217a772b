// What the emulator keeps under load (README "What it keeps"), with caps lowered so that a few
// calls reach them: the caps hold, ended records go first, and what a client sees of a
// forgotten token, session or outbox message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index';
import type { RunningEmulator } from '../../../emulator/index';
import type { Client } from './harness';
import { call, start, stytchError, uniqueEmail } from './harness';

const LIMITS = { tokens: 4, sessions: 3, outbox: 5 };

let emulator: RunningEmulator;
let client: Client;

beforeAll(async () => ({ emulator, client } = await start({ limits: LIMITS })));
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

/** An email link sent to a new user: one outbox message and one token. */
async function sendLink(email = uniqueEmail()): Promise<{ email: string; token: string; user_id: string }> {
  const { user_id } = await client.magicLinks.email.loginOrCreate({ email });
  return { email, token: emulator.latestMessage(email)?.token ?? '', user_id };
}

/** A new user signed in through an email link: a message, a (used) token and a session. */
async function signIn(minutes = 60) {
  const { token } = await sendLink();
  return client.magicLinks.authenticate({ token, session_duration_minutes: minutes });
}

async function sessionError(session_token: string) {
  return (await stytchError(client.sessions.authenticate({ session_token }))).error_type;
}

describe('retention caps', () => {
  it('never retains more tokens, sessions or outbox messages than its caps', async () => {
    expect(emulator.limits).toEqual(LIMITS);
    for (let i = 0; i < 12; i += 1) {
      await signIn();
      const retained = emulator.retained();
      expect(retained.tokens).toBeLessThanOrEqual(LIMITS.tokens);
      expect(retained.sessions).toBeLessThanOrEqual(LIMITS.sessions);
      expect(retained.outbox).toBeLessThanOrEqual(LIMITS.outbox);
      const outbox = await call(emulator, 'GET', '/__emulator/outbox', undefined, false);
      expect((outbox.json as unknown as unknown[]).length).toBe(retained.outbox);
    }
    // Twelve of each were made: every cap was reached, not merely respected.
    expect(emulator.retained()).toEqual({ users: 12, ...LIMITS });
  });

  it('refuses limits that are not positive integers', async () => {
    await expect(startEmulator({ limits: { sessions: 0 } })).rejects.toThrow(/limits\.sessions must be a positive integer/);
    await expect(startEmulator({ limits: { outbox: 1.5 } })).rejects.toThrow(RangeError);
  });
});

describe('sessions past the cap', () => {
  it('an evicted session answers session_not_found through the SDK; the newer ones still authenticate', async () => {
    const oldest = await signIn();
    const newer = [await signIn(), await signIn(), await signIn()];
    expect(await sessionError(oldest.session_token)).toBe('session_not_found');
    expect((await stytchError(client.sessions.authenticate({ session_jwt: oldest.session_jwt }))).error_type).toBe('session_not_found');
    expect((await stytchError(client.sessions.revoke({ session_id: oldest.session?.session_id ?? '' }))).error_type).toBe('session_not_found');
    for (const s of newer) await expect(client.sessions.authenticate({ session_token: s.session_token })).resolves.toMatchObject({ status_code: 200 });
  });

  it('forgets revoked and expired sessions before live ones', async () => {
    const oldest = await signIn();
    const revoked = await signIn();
    await client.sessions.revoke({ session_token: revoked.session_token });
    const short = await signIn(5);
    const second = await signIn();
    emulator.advanceClock(6 * 60);
    const third = await signIn();
    // Two sessions had to go; had live ones gone in age order, the oldest would be one of them.
    for (const s of [oldest, second, third]) {
      await expect(client.sessions.authenticate({ session_token: s.session_token })).resolves.toMatchObject({ status_code: 200 });
    }
    expect(await sessionError(short.session_token)).toBe('session_not_found');
    expect(emulator.retained().sessions).toBe(LIMITS.sessions);
  });

  it('a session in use outlasts idle ones', async () => {
    const used = await signIn();
    const idle = await signIn();
    await signIn();
    await client.sessions.authenticate({ session_token: used.session_token });
    await signIn();
    expect(await sessionError(idle.session_token)).toBe('session_not_found');
    await expect(client.sessions.authenticate({ session_token: used.session_token })).resolves.toMatchObject({ status_code: 200 });
  });
});

describe('tokens past the cap', () => {
  it('replaying a recently used link answers unable_to_auth_magic_link, even days later; a long-gone one magic_link_not_found', async () => {
    const used: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const { token } = await sendLink();
      await client.magicLinks.authenticate({ token, session_duration_minutes: 60 });
      used.push(token);
    }
    emulator.advanceClock(7 * 24 * 3600);
    expect(await stytchError(client.magicLinks.authenticate({ token: used[9] ?? '' }))).toMatchObject({
      status_code: 401,
      error_type: 'unable_to_auth_magic_link',
    });
    expect(await stytchError(client.magicLinks.authenticate({ token: used[0] ?? '' }))).toMatchObject({
      status_code: 404,
      error_type: 'magic_link_not_found',
    });
    expect(emulator.retained().tokens).toBe(LIMITS.tokens);
  });

  it('forgets used tokens before live ones, even older live ones', async () => {
    const login = await sendLink();
    const create = async () => (await client.magicLinks.create({ user_id: login.user_id })).token;
    const [first, spent, third] = [await create(), await create(), await create()];
    await client.magicLinks.authenticate({ token: spent });
    const fourth = await create();
    expect((await stytchError(client.magicLinks.authenticate({ token: spent }))).error_type).toBe('magic_link_not_found');
    for (const token of [login.token, first, third, fourth]) {
      await expect(client.magicLinks.authenticate({ token })).resolves.toMatchObject({ status_code: 200 });
    }
  });

  it('forgets expired tokens before live ones', async () => {
    const login = await sendLink();
    const create = async (minutes: number) => (await client.magicLinks.create({ user_id: login.user_id, expiration_minutes: minutes })).token;
    const short = await create(5);
    const others = [await create(60), await create(60)];
    emulator.advanceClock(6 * 60);
    others.push(await create(60));
    expect((await stytchError(client.magicLinks.authenticate({ token: short }))).error_type).toBe('magic_link_not_found');
    for (const token of [login.token, ...others]) {
      await expect(client.magicLinks.authenticate({ token })).resolves.toMatchObject({ status_code: 200 });
    }
  });
});

describe('outbox past the cap', () => {
  it('keeps the newest messages, newest first, and the inbox keeps working', async () => {
    const emails: string[] = [];
    for (let i = 0; i < 8; i += 1) emails.push((await sendLink()).email);
    const newestFirst = emails.slice(-LIMITS.outbox).reverse();
    const listed = await call(emulator, 'GET', '/__emulator/outbox', undefined, false);
    expect((listed.json as unknown as { to: string }[]).map((m) => m.to)).toEqual(newestFirst);
    expect(emulator.outbox().map((m) => m.to)).toEqual(newestFirst);
    expect(emulator.latestMessage(emails[0] ?? '')).toBeUndefined();
    const one = await call(emulator, 'GET', `/__emulator/outbox?email=${encodeURIComponent(emails[7] ?? '')}`, undefined, false);
    expect(one.json).toEqual([expect.objectContaining({ to: emails[7] })]);
    const page = await fetch(emulator.inboxUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('inbox.js');
    // The page polls this version; a message that pushes out the oldest must still change it.
    const version = async () => (await call(emulator, 'GET', '/__emulator/outbox/version', undefined, false)).json['version'];
    const before = await version();
    await sendLink();
    expect(await version()).toBe(Number(before) + 1);
    expect(emulator.outbox()).toHaveLength(LIMITS.outbox);
  });
});
