import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, deepLinkFor, type CoreRig } from './harness';

const AUTH = '/v1/magic_links/authenticate';
let rig: CoreRig;
afterEach(async () => rig?.cleanup());

async function sendAndGetToken(email: string): Promise<string> {
  const sent = await rig.core.sendLink(email);
  expect(sent.status).toBe('link-sent');
  const message = rig.emulator.latestMessage(email);
  if (!message) throw new Error('no email in the outbox');
  return message.token;
}

describe('core sign-in against the emulator', () => {
  it('signs a new user in through the deep link and stores the session encrypted', async () => {
    rig = await startRig();
    await rig.core.start();
    const views: string[] = [];
    rig.core.onView((view) => views.push(view.status));
    const sent = await rig.core.sendLink('new.person@example.com');
    expect(sent).toMatchObject({ status: 'link-sent', email: 'new.person@example.com', notice: { code: 'link-sent' } });
    expect(Date.parse(sent.resendAvailableAt ?? '') - Date.now()).toBeGreaterThan(25_000);
    const message = rig.emulator.latestMessage('new.person@example.com');
    expect(message?.kind).toBe('signup');
    await rig.core.handleDeepLink(deepLinkFor(message?.token ?? ''));
    const view = rig.core.view();
    expect(view).toMatchObject({ status: 'signed-in', email: 'new.person@example.com', persistence: 'encrypted' });
    expect(views).toEqual(['sending', 'link-sent', 'authenticating', 'signed-in']);
    await rig.core.idle();
    const onDisk = readFileSync(rig.store.path, 'utf8');
    expect(onDisk).not.toContain(message?.token ?? 'x');
    // A JWT's shape, not a bare "eyJ": the ciphertext is random base64, which holds "eyJ"
    // by chance now and then but never a '.', so this cannot match it.
    expect(onDisk).not.toMatch(/eyJ[\w-]*\.[\w-]*\./);
    expect(onDisk).not.toContain('new.person@example.com');
    expect(JSON.stringify(view)).not.toMatch(/eyJ|token/i);
    expect(rig.lines.join('\n')).not.toContain(message?.token ?? 'x');
  });

  it('signs an existing user in with a login link', async () => {
    rig = await startRig();
    await rig.core.start();
    await rig.core.handleDeepLink(deepLinkFor(await sendAndGetToken('known@example.com')));
    await rig.core.signOut();
    await rig.core.sendLink('known@example.com');
    const message = rig.emulator.latestMessage('known@example.com');
    expect(message?.kind).toBe('login');
    await rig.core.handleDeepLink(deepLinkFor(message?.token ?? ''));
    expect(rig.core.view().status).toBe('signed-in');
  });

  it('refuses to resend before the cooldown', async () => {
    rig = await startRig();
    await rig.core.start();
    await rig.core.sendLink('wait@example.com');
    const view = await rig.core.resend();
    expect(view.notice?.code).toBe('resend-too-soon');
    expect(view.notice?.retryAfterSeconds).toBeGreaterThan(0);
    expect(rig.emulator.outbox('wait@example.com')).toHaveLength(1);
  });

  it('accepts both pasted link forms', async () => {
    rig = await startRig();
    await rig.core.start();
    await rig.core.sendLink('paste@example.com');
    const emailed = rig.emulator.latestMessage('paste@example.com')?.link ?? '';
    expect((await rig.core.submitLink(`  ${emailed}  `)).status).toBe('signed-in');
    await rig.core.signOut();
    const token = await sendAndGetToken('paste@example.com');
    expect((await rig.core.submitLink(deepLinkFor(token))).status).toBe('signed-in');
  });

  it('ignores a replayed link and makes exactly one call for many simultaneous deliveries', async () => {
    rig = await startRig();
    await rig.core.start();
    const link = deepLinkFor(await sendAndGetToken('many@example.com'));
    await Promise.all(Array.from({ length: 8 }, () => rig.core.handleDeepLink(link)));
    expect(rig.core.view().status).toBe('signed-in');
    expect(rig.emulator.requestCount(AUTH)).toBe(1);
    await rig.core.handleDeepLink(link);
    await rig.core.signOut();
    const replay = await rig.core.submitLink(link);
    expect(replay).toMatchObject({ status: 'signed-out', notice: { code: 'link-replayed' } });
    expect(rig.emulator.requestCount(AUTH)).toBe(1);
  });

  it('explains an expired link', async () => {
    rig = await startRig();
    await rig.core.start();
    const token = await sendAndGetToken('late@example.com');
    rig.emulator.advanceClock(61 * 60);
    await rig.core.handleDeepLink(deepLinkFor(token));
    expect(rig.core.view()).toMatchObject({ status: 'link-sent', notice: { code: 'link-expired-or-used' } });
  });

  it('explains a link requested from another installation, with and without stored verifiers', async () => {
    rig = await startRig();
    await rig.core.start();
    const token = await sendAndGetToken('other@example.com');
    const elsewhere = rig.restart();
    // A different store dir would have no verifiers; simulate with the wiped store.
    rig.store.delete('pkce-verifiers');
    await elsewhere.start();
    await elsewhere.handleDeepLink(deepLinkFor(token));
    expect(elsewhere.view()).toMatchObject({ status: 'signed-out', notice: { code: 'link-from-elsewhere' } });
    // One call without a verifier (device and invite links carry no PKCE); Stytch refuses it.
    expect(rig.emulator.requestCount(AUTH)).toBe(1);
    // With a verifier of its own (another link), the token's challenge does not match.
    await elsewhere.sendLink('mine@example.com');
    await elsewhere.handleDeepLink(deepLinkFor(token));
    expect(elsewhere.view().notice?.code).toBe('link-from-elsewhere');
    expect(rig.emulator.requestCount(AUTH)).toBe(2);
  });
});
