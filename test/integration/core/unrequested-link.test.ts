// Links this installation did not ask for (device links, invites: no PKCE of ours) through
// the real flow, SDK and emulator, with time moved by hand: the question, its answers, its
// two-minute limit, one question at a time, and the person's own links that never ask.
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIRMATION_TIMEOUT_MS } from '../../../main/auth/unrequested-link';
import { startLifecycleRig, type LifecycleRig } from '../lifecycle/harness';
import { deepLinkFor } from './harness';

const CALLBACK = 'promptgrimoire://auth/callback';
let rig: LifecycleRig;
afterEach(async () => rig?.cleanup());

/** Whoever owns `email` makes a link for another computer (embeddable: no PKCE). */
async function deviceLinkFor(email: string): Promise<{ link: string; userId: string }> {
  if (!rig.emulator.latestMessage(email)) await rig.admin.magicLinks.email.invite({ email, invite_magic_link_url: CALLBACK });
  const userId = rig.emulator.latestMessage(email)?.user_id ?? '';
  const { token } = await rig.admin.magicLinks.create({ user_id: userId });
  return { link: deepLinkFor(token), userId };
}

async function liveSessions(userId: string): Promise<number> {
  return (await rig.admin.sessions.get({ user_id: userId })).sessions.length;
}

describe('a link not requested here, to a signed-out app', () => {
  it('asks "Continue as" with nothing on disk, and Cancel ends the session at Stytch', async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    const { link, userId } = await deviceLinkFor('someone@example.com');
    await rig.flow.handleDeepLink(link);
    const asked = rig.flow.view();
    expect(asked).toMatchObject({ status: 'confirming', email: 'someone@example.com', pendingEmail: null, notice: null });
    expect(await liveSessions(userId)).toBe(1);
    // Held in memory only: no session on disk, no token in any view.
    expect(rig.stored()).toBeNull();
    // A JWT's shape: random base64 ciphertext may hold "eyJ" by chance, never a '.'.
    expect(rig.rawStore()).not.toMatch(/eyJ[\w-]*\.[\w-]*\.|someone@example\.com/);
    expect(JSON.stringify(rig.views)).not.toMatch(/eyJ|session_token|sessionToken/);

    const cancelled = await rig.flow.cancelLink();
    expect(cancelled).toMatchObject({ status: 'signed-out', notice: { code: 'link-declined' } });
    expect(await liveSessions(userId)).toBe(0);
    expect(rig.stored()).toBeNull();
    // Nothing is left to answer.
    expect(await rig.flow.confirmLink()).toMatchObject({ status: 'signed-out', notice: { code: 'nothing-to-confirm' } });
  });

  it('signs in on Continue and only then stores the session', async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    const { link, userId } = await deviceLinkFor('me.elsewhere@example.com');
    await rig.flow.handleDeepLink(link);
    expect(rig.stored()).toBeNull();
    expect(await rig.flow.confirmLink()).toMatchObject({ status: 'signed-in', email: 'me.elsewhere@example.com' });
    await rig.flow.idle();
    expect(rig.stored()?.user.email).toBe('me.elsewhere@example.com');
    expect(await liveSessions(userId)).toBe(1);
    // Answering twice changes nothing.
    expect(await rig.flow.cancelLink()).toMatchObject({ status: 'signed-in' });
    expect(await liveSessions(userId)).toBe(1);
  });

  it('ends the session when two minutes pass without an answer', async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    const { link, userId } = await deviceLinkFor('slow@example.com');
    await rig.flow.handleDeepLink(link);
    await rig.advance(CONFIRMATION_TIMEOUT_MS - 1);
    expect(rig.flow.view().status).toBe('confirming');
    await rig.advance(1);
    expect(rig.flow.view()).toMatchObject({ status: 'signed-out', notice: { code: 'confirmation-expired' } });
    expect(await liveSessions(userId)).toBe(0);
    expect(await rig.flow.confirmLink()).toMatchObject({ status: 'signed-out', notice: { code: 'nothing-to-confirm' } });
  });

  it('ends the session when the app quits with the question open', async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    const { link, userId } = await deviceLinkFor('quitter@example.com');
    await rig.flow.handleDeepLink(link);
    await rig.restart();
    expect(await liveSessions(userId)).toBe(0);
    await rig.flow.start();
    expect(rig.flow.view().status).toBe('signed-out');
  });

  it('ends the session when the person leaves the question another way (start over)', async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    const { link, userId } = await deviceLinkFor('wanderer@example.com');
    await rig.flow.handleDeepLink(link);
    expect((await rig.flow.sendLink('typed@example.com')).notice?.code).toBe('busy');
    expect(await rig.flow.startOver()).toMatchObject({ status: 'signed-out' });
    await rig.flow.idle();
    expect(await liveSessions(userId)).toBe(0);
  });

  it('asks one question at a time: a second unrequested link is refused and its session ended', async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    const first = await deviceLinkFor('first@example.com');
    const second = await deviceLinkFor('second@example.com');
    await rig.flow.handleDeepLink(first.link);
    await rig.flow.handleDeepLink(second.link);
    await rig.flow.idle();
    expect(rig.flow.view()).toMatchObject({ status: 'confirming', email: 'first@example.com', notice: { code: 'confirmation-busy' } });
    expect(await liveSessions(second.userId)).toBe(0);
    expect(await liveSessions(first.userId)).toBe(1);
    expect(await rig.flow.confirmLink()).toMatchObject({ status: 'signed-in', email: 'first@example.com' });
  });

  it('asks for a pasted invite link too, and a link without an answer leaves no trace after Cancel', async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    await rig.admin.magicLinks.email.invite({ email: 'invited@example.com', invite_magic_link_url: CALLBACK });
    const invite = rig.emulator.latestMessage('invited@example.com');
    await rig.flow.sendLink('mine@example.com');
    expect(await rig.flow.submitLink(invite?.link ?? '')).toMatchObject({
      status: 'confirming',
      email: 'invited@example.com',
      pendingEmail: 'mine@example.com',
    });
    expect(await rig.flow.cancelLink()).toMatchObject({ status: 'link-sent', email: 'mine@example.com', notice: { code: 'link-declined' } });
    expect(await liveSessions(invite?.user_id ?? '')).toBe(0);
  });
});

describe('a link not requested here, while a sign-in is pending', () => {
  it('never replaces it silently; Cancel returns to it and its own link then signs in with one click', async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    const sent = await rig.flow.sendLink('victim@example.com');
    const { link, userId } = await deviceLinkFor('intruder@example.com');
    await rig.flow.handleDeepLink(link);
    expect(rig.flow.view()).toMatchObject({ status: 'confirming', email: 'intruder@example.com', pendingEmail: 'victim@example.com' });
    const back = await rig.flow.cancelLink();
    expect(back).toMatchObject({ status: 'link-sent', email: 'victim@example.com', linkExpiresAt: sent.linkExpiresAt });
    expect(await liveSessions(userId)).toBe(0);

    rig.views.length = 0;
    await rig.flow.handleDeepLink(deepLinkFor(rig.emulator.latestMessage('victim@example.com')?.token ?? ''));
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', email: 'victim@example.com' });
    expect(rig.views.map((view) => view.status)).toEqual(['authenticating', 'signed-in']);
  });

  it("lets the person's own link answer an open question: it signs in and the held session ends", async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    await rig.flow.sendLink('owner@example.com');
    const { link, userId } = await deviceLinkFor('pusher@example.com');
    await rig.flow.handleDeepLink(link);
    await rig.flow.handleDeepLink(deepLinkFor(rig.emulator.latestMessage('owner@example.com')?.token ?? ''));
    await rig.flow.idle();
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', email: 'owner@example.com' });
    expect(await liveSessions(userId)).toBe(0);
  });
});

describe("the person's own links", () => {
  it('never ask, including the link for an email typed earlier', async () => {
    rig = await startLifecycleRig();
    await rig.flow.start();
    await rig.flow.sendLink('typo@example.com');
    const earlier = rig.emulator.latestMessage('typo@example.com')?.token ?? '';
    await rig.flow.startOver();
    await rig.flow.sendLink('right@example.com');
    rig.views.length = 0;
    await rig.flow.handleDeepLink(deepLinkFor(earlier));
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', email: 'typo@example.com' });
    expect(rig.views.some((view) => view.status === 'confirming')).toBe(false);
  });
});
