import { describe, expect, it } from 'vitest';
import { choosePasswordStore, recognisedDesktop, type BusNames, type DesktopEnv } from '../../../main/keyring/password-store';

const bus = (...names: string[]) => (): BusNames => ({ ok: true, names: new Set(['org.freedesktop.DBus', ':1.4', ...names]) });
const unasked = (): BusNames => {
  throw new Error('the bus must not be asked for a desktop Chromium recognises');
};

describe('recognisedDesktop (Chromium base/nix/xdg_util)', () => {
  it.each<[DesktopEnv, string | null]>([
    [{ XDG_CURRENT_DESKTOP: 'GNOME' }, 'GNOME'],
    [{ XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, 'GNOME'],
    [{ XDG_CURRENT_DESKTOP: 'KDE' }, 'KDE'],
    [{ XDG_CURRENT_DESKTOP: 'X-Cinnamon' }, 'Cinnamon'],
    [{ XDG_CURRENT_DESKTOP: 'XFCE' }, 'XFCE'],
    [{ XDG_CURRENT_DESKTOP: 'Unity' }, 'Unity'],
    [{ DESKTOP_SESSION: 'mate' }, 'GNOME'],
    [{ DESKTOP_SESSION: 'xubuntu' }, 'XFCE'],
    [{ GNOME_DESKTOP_SESSION_ID: 'this-is-deprecated' }, 'GNOME'],
    [{ KDE_FULL_SESSION: 'true' }, 'KDE'],
    [{ XDG_CURRENT_DESKTOP: 'sway' }, null],
    [{ XDG_CURRENT_DESKTOP: 'i3' }, null],
    [{ XDG_CURRENT_DESKTOP: 'Hyprland' }, null],
    [{ XDG_CURRENT_DESKTOP: 'LXQt', DESKTOP_SESSION: 'gnome' }, null],
    [{}, null],
  ])('%j → %s', (env, expected) => {
    expect(recognisedDesktop(env)).toBe(expected);
  });
});

describe('choosePasswordStore', () => {
  it('leaves a recognised desktop to Chromium without asking the bus', () => {
    expect(choosePasswordStore({ env: { XDG_CURRENT_DESKTOP: 'GNOME' }, givenSwitch: null, busNames: unasked })).toEqual({
      passwordStore: null,
      reason: 'Chromium recognises the GNOME desktop and picks its keyring itself',
    });
  });

  it('starts Sway with a Secret Service running on gnome-libsecret, and says why', () => {
    expect(choosePasswordStore({ env: { XDG_CURRENT_DESKTOP: 'sway' }, givenSwitch: null, busNames: bus('org.freedesktop.secrets') })).toEqual({
      passwordStore: 'gnome-libsecret',
      reason: 'the desktop (sway) is not one Chromium recognises; a Secret Service is running',
    });
  });

  it('prefers the Secret Service to KWallet, and uses KWallet where it is the only keyring', () => {
    const env = { XDG_CURRENT_DESKTOP: 'Hyprland' };
    expect(choosePasswordStore({ env, givenSwitch: null, busNames: bus('org.kde.kwalletd6', 'org.freedesktop.secrets') }).passwordStore).toBe('gnome-libsecret');
    expect(choosePasswordStore({ env, givenSwitch: null, busNames: bus('org.kde.kwalletd6') }).passwordStore).toBe('kwallet6');
    expect(choosePasswordStore({ env, givenSwitch: null, busNames: bus('org.kde.kwalletd5') }).passwordStore).toBe('kwallet5');
  });

  it('leaves an unknown desktop without a keyring on basic_text (the session stays in memory), and says why', () => {
    expect(choosePasswordStore({ env: { DESKTOP_SESSION: 'i3' }, givenSwitch: null, busNames: bus() })).toEqual({
      passwordStore: null,
      reason: 'the desktop (i3) is not one Chromium recognises and no keyring is running on the session bus',
    });
    expect(choosePasswordStore({ env: {}, givenSwitch: null, busNames: () => ({ ok: false, reason: 'no session bus' }) }).reason).toBe(
      'the desktop (unnamed) is not one Chromium recognises and the session bus could not be asked (no session bus)',
    );
  });

  it('honours a switch the person gave, whatever the desktop', () => {
    expect(choosePasswordStore({ env: { XDG_CURRENT_DESKTOP: 'sway' }, givenSwitch: 'basic', busNames: unasked })).toEqual({
      passwordStore: null,
      reason: '--password-store=basic was given on the command line',
    });
  });

  it('keeps a hostile desktop name out of the reason: short and printable only', () => {
    const choice = choosePasswordStore({ env: { XDG_CURRENT_DESKTOP: `sway\n[info] forged line ${'x'.repeat(100)}` }, givenSwitch: null, busNames: bus() });
    expect(choice.reason).toBe(`the desktop (${'swayinfo forged line '.padEnd(40, 'x')}) is not one Chromium recognises and no keyring is running on the session bus`);
  });

  it('a name that only looks like a keyring is not one: exact bus names only', () => {
    const choice = choosePasswordStore({ env: { XDG_CURRENT_DESKTOP: 'sway' }, givenSwitch: null, busNames: bus('org.freedesktop.secrets.evil', 'xorg.freedesktop.secrets') });
    expect(choice.passwordStore).toBeNull();
  });
});
