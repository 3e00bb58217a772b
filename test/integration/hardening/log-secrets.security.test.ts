// Security gate: whole flows (sign in, restart, resend, paste, failures, the account screen
// and a link for another computer, sign out) with the debug log captured, then every line
// searched for every secret value the run really used (link tokens, PKCE verifiers and
// challenges, session tokens, JWTs, the project secret), in the forms a careless log line
// would carry them: raw, base64, base64url, URL-encoded, inside Basic credentials, and any
// 24-character piece of them.
import { afterEach, describe, expect, it } from 'vitest';
import { deepLinkFor, PATHS, requestLink, signIn, startHardeningRig, type HardeningRig } from './rig';

let rig: HardeningRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

const WINDOW = 24;

/** Every spelling of a secret worth searching for. */
function spellings(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(secret),
    encodeURIComponent(encodeURIComponent(secret)),
  ]);
  // A JWT's payload and signature are each secret enough on their own.
  for (const segment of secret.split('.').slice(1)) if (segment.length >= WINDOW) forms.add(segment);
  // Pieces: a log line that cut a token in half still leaks it.
  const body = secret.startsWith('eyJ') ? secret.slice(secret.indexOf('.') + 1) : secret;
  for (let i = 0; i + WINDOW <= body.length; i += WINDOW / 2) forms.add(body.slice(i, i + WINDOW));
  return [...forms].filter((form) => form.length >= 16);
}

function leaks(lines: string[], secrets: Iterable<string>): string[] {
  const found: string[] = [];
  const text = lines.join('\n');
  for (const secret of secrets) {
    for (const form of spellings(secret)) {
      if (text.includes(form)) found.push(`${secret.slice(0, 6)}… as ${form.slice(0, 10)}…`);
    }
  }
  return found;
}

describe('no secret reaches the log', () => {
  it('across sign-in, restart, resend, paste, failures, the account screen, a link for another computer and sign-out', async () => {
    rig = await startHardeningRig();
    const { emulator, clock } = rig;
    const email = 'careful@example.com';

    // Sign in through the deep link, then restart (local restore + remote confirm).
    const core = rig.core();
    await signIn(rig, core, email);
    const restarted = rig.core();
    await restarted.start();
    await restarted.idle();

    // Sign out, then a link, a resend after the cooldown, and a paste of the emailed https link.
    await restarted.signOut();
    await requestLink(rig, restarted, email);
    clock.advance(31_000);
    expect((await restarted.resend()).status).toBe('link-sent');
    const emailed = emulator.latestMessage(email);
    expect((await restarted.submitLink(emailed?.link ?? '')).status).toBe('signed-in');
    await restarted.idle();

    // Failures: a replayed link, pastes that are not links or are cut short, a link from
    // "another computer", Stytch trouble on confirm, a session ended remotely.
    await restarted.handleDeepLink(deepLinkFor(emailed?.token ?? ''));
    await restarted.submitLink(`token=${emailed?.token ?? ''}`);
    await restarted.submitLink(`https://test.stytch.com/v1/magic_links/redirect?token=${(emailed?.token ?? '').slice(0, 30)}`);
    await restarted.handleDeepLink(`promptgrimoire://auth/callback?token=${emailed?.token ?? ''}&next=https://evil.example`);
    await restarted.signOut();
    const elsewhere = rig.core();
    await elsewhere.start();
    const other = await requestLink(rig, elsewhere, 'other@example.com');
    await elsewhere.startOver();
    const stranger = rig.core();
    // A day later every stored verifier has expired, as on a computer that never sent it.
    clock.advance(24 * 60 * 60_000);
    await stranger.start();
    await stranger.handleDeepLink(deepLinkFor(other));
    expect(stranger.view().notice?.code).toBe('link-from-elsewhere');
    clock.set(Date.now());
    await signIn(rig, stranger, email);
    // The account screen: sessions, a link for another computer (copied, then used elsewhere).
    expect((await stranger.account.get()).ok).toBe(true);
    expect((await stranger.account.createDeviceLink()).ok).toBe(true);
    expect((await stranger.account.copyDeviceLink()).ok).toBe(true);
    const deviceLink = rig.clipboard.at(-1) ?? '';
    expect(deviceLink).toMatch(/^promptgrimoire:\/\/auth\/callback\?/);
    // Memory-only, so "the other computer" writes nothing into this computer's store.
    const otherComputer = rig.core({ cipher: { available: false, reason: 'another computer' } });
    await otherComputer.start();
    await otherComputer.handleDeepLink(deviceLink);
    expect(otherComputer.view().status).toBe('confirming');
    expect((await otherComputer.confirmLink()).status).toBe('signed-in');
    await otherComputer.idle();
    emulator.injectFault({ path: PATHS.sessionAuthenticate, status: 500 });
    const troubled = rig.core();
    await troubled.start();
    await troubled.idle();
    emulator.injectFault({ path: PATHS.sessionAuthenticate, drop: true });
    const offline = rig.core();
    await offline.start();
    await offline.idle();
    emulator.reset();
    const ended = rig.core();
    await ended.start();
    await ended.idle();
    expect(ended.view().notice?.code).toBe('session-ended');

    // What the run used: everything the gateway saw, every emailed token and link, and the
    // project secret, alone and as the Basic credentials the SDK sends.
    const secrets = new Set(rig.secrets);
    for (const message of emulator.outbox()) secrets.add(message.token);
    for (const copied of rig.clipboard) secrets.add(new URL(copied).searchParams.get('token') ?? copied);
    secrets.add(Buffer.from(`${emulator.projectId}:${emulator.secret}`).toString('base64'));
    const kinds = {
      tokens: [...secrets].filter((s) => /^[A-Za-z0-9_-]{43,44}=?$/.test(s)).length,
      jwts: [...secrets].filter((s) => s.startsWith('eyJ')).length,
    };

    expect(rig.lines.length).toBeGreaterThan(20);
    expect(rig.lines.some((line) => line.startsWith('debug '))).toBe(true);
    expect(leaks(rig.lines, secrets)).toEqual([]);
    console.log(
      `[log-secrets] ${rig.lines.length} log lines (debug on) searched for ${secrets.size} secret values ` +
        `(${kinds.tokens} tokens/verifiers/challenges, ${kinds.jwts} JWTs) in ${[...secrets].reduce((n, s) => n + spellings(s).length, 0)} spellings: 0 found`,
    );
  });
});
