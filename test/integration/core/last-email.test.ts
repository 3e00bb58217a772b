// The last address a link was sent to pre-fills the sign-in screen after a restart: it
// reaches the page through the view, sealed on disk, kept through sign-out, and absent where
// no keyring exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deepLinkFor, startRig, type CoreRig } from './harness';

let rig: CoreRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

const filesText = (dir: string): string =>
  readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');

describe('the last email', () => {
  it('is in the view after a restart, and still after signing in and out', async () => {
    rig = await startRig();
    await rig.core.start();
    expect(rig.core.view().lastEmail).toBeNull();
    await rig.core.sendLink('  returning@example.com ');
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-out', lastEmail: 'returning@example.com' });
    expect(filesText(rig.dir)).not.toContain('returning@example.com');

    await restarted.handleDeepLink(deepLinkFor(rig.emulator.latestMessage('returning@example.com')?.token ?? ''));
    expect(restarted.view().status).toBe('signed-in');
    const out = await restarted.signOut();
    expect(out).toMatchObject({ status: 'signed-out', lastEmail: 'returning@example.com' });
  });

  it('an address the link could not be sent to is not remembered', async () => {
    rig = await startRig();
    await rig.core.start();
    await rig.core.sendLink('first@example.com');
    await rig.core.startOver();
    await rig.core.sendLink('not an address');
    expect(rig.core.view().lastEmail).toBe('first@example.com');
  });

  it('is not written where no keyring exists', async () => {
    rig = await startRig({}, { available: false, reason: 'basic_text backend' });
    await rig.core.start();
    await rig.core.sendLink('nokeyring@example.com');
    expect(rig.core.view().lastEmail).toBe('nokeyring@example.com');
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view().lastEmail).toBeNull();
    expect(filesText(rig.dir)).not.toContain('nokeyring');
  });
});
