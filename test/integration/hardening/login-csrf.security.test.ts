// Login CSRF: an attacker makes a link for their own account ("Sign in on another computer",
// or an invite to a second address of theirs) and gets the victim's app to open it (a web
// page, an email, a paste). The victim's app must never continue as the attacker on its own,
// nor drop the sign-in it was waiting for; in direct mode and through the relay alike.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../../main/config';
import { deepLinkFor, startAccountRig, type AccountRig, type Installation } from '../account/rig';

let rig: AccountRig;
afterEach(async () => rig?.cleanup());

const ATTACKER = 'attacker@example.com';

/** The attacker, signed in on their own computer, copies a link for "another computer". */
async function attackerDeviceLink(config: AppConfig | undefined): Promise<string> {
  const attacker = rig.install(config ? { config } : {});
  await rig.signIn(attacker.core, ATTACKER);
  expect((await attacker.core.account.createDeviceLink()).ok).toBe(true);
  expect((await attacker.core.account.copyDeviceLink()).ok).toBe(true);
  return attacker.clipboard.text;
}

async function attackerSessions(): Promise<number> {
  const userId = rig.emulator.latestMessage(ATTACKER)?.user_id ?? '';
  return (await rig.stytch.sessions.get({ user_id: userId })).sessions.length;
}

async function victim(config: AppConfig | undefined): Promise<Installation> {
  const installation = rig.install(config ? { config } : {});
  await installation.core.start();
  return installation;
}

for (const mode of ['direct', 'relay'] as const) {
  describe(`login CSRF (${mode})`, () => {
    const configFor = async () => (mode === 'relay' ? rig.relayConfig({ invitesEnabled: true }) : undefined);

    it("a clicked device link never signs a signed-out app into the attacker's account", async () => {
      rig = await startAccountRig();
      const config = await configFor();
      const link = await attackerDeviceLink(config);
      const target = await victim(config);
      await target.core.handleDeepLink(link);
      expect(target.core.view().status).not.toBe('signed-in');
      expect(target.core.view()).toMatchObject({ status: 'confirming', email: ATTACKER });
      // The victim declines: the attacker's session made on the victim's app is gone.
      await target.core.cancelLink();
      expect(await attackerSessions()).toBe(1);
      expect(target.core.view().status).toBe('signed-out');
    });

    it('a pasted device link never replaces the sign-in the victim is waiting for', async () => {
      rig = await startAccountRig();
      const config = await configFor();
      const link = await attackerDeviceLink(config);
      const target = await victim(config);
      await target.core.sendLink('victim@example.com');
      expect(await target.core.submitLink(link)).toMatchObject({ status: 'confirming', email: ATTACKER, pendingEmail: 'victim@example.com' });
      expect(await target.core.cancelLink()).toMatchObject({ status: 'link-sent', email: 'victim@example.com' });
      // The victim's own link still works, with one click.
      await target.core.handleDeepLink(deepLinkFor(rig.emulator.latestMessage('victim@example.com')?.token ?? ''));
      expect(target.core.view()).toMatchObject({ status: 'signed-in', email: 'victim@example.com' });
    });

    it("an invite to the attacker's second address never signs in on its own", async () => {
      rig = await startAccountRig({ PROMPTGRIMOIRE_INVITES_ENABLED: 'true' });
      const config = await configFor();
      const attacker = rig.install(config ? { config } : {});
      await rig.signIn(attacker.core, ATTACKER);
      expect((await attacker.core.account.invite({ email: 'attacker.two@example.com', firstName: '', lastName: '' })).ok).toBe(true);
      const invite = rig.emulator.latestMessage('attacker.two@example.com');
      expect(invite?.kind).toBe('invite');
      const target = await victim(config);
      await target.core.handleDeepLink(deepLinkFor(invite?.token ?? ''));
      expect(target.core.view()).toMatchObject({ status: 'confirming', email: 'attacker.two@example.com' });
    });
  });
}
