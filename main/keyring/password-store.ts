// Which keyring Chromium should keep the session key in on Linux. Chromium picks one only
// for desktops it recognises (GNOME, KDE, XFCE…); anywhere else (i3, Sway, Hyprland…) it
// falls back to 'basic_text', a hard-coded key, even with a keyring running, and the app
// then keeps the session in memory only. So where the desktop is unknown, the session bus
// is asked which keyring is there and Chromium is started with the matching switch.
// Rules: pure, nothing here may import electron; the bus is asked only when the desktop is
// unknown, because asking costs start-up time.

/** Chromium's desktop families that choose a keyring by themselves (base/nix/xdg_util). */
type KnownDesktop = 'GNOME' | 'KDE' | 'Cinnamon' | 'Deepin' | 'Pantheon' | 'Unity' | 'XFCE' | 'UKUI';

export interface DesktopEnv {
  XDG_CURRENT_DESKTOP?: string | undefined;
  DESKTOP_SESSION?: string | undefined;
  GNOME_DESKTOP_SESSION_ID?: string | undefined;
  KDE_FULL_SESSION?: string | undefined;
}

/** Well-known names on the session bus, or why they could not be listed. */
export type BusNames = { ok: true; names: ReadonlySet<string> } | { ok: false; reason: string };

export type PasswordStore = 'gnome-libsecret' | 'kwallet5' | 'kwallet6';

export interface PasswordStoreChoice {
  /** The --password-store value to start Chromium with; null leaves Chromium's own choice. */
  passwordStore: PasswordStore | null;
  /** Why, in words for Diagnostics. */
  reason: string;
}

const BY_XDG_TOKEN: Readonly<Record<string, KnownDesktop>> = {
  GNOME: 'GNOME',
  KDE: 'KDE',
  'X-Cinnamon': 'Cinnamon',
  Deepin: 'Deepin',
  Pantheon: 'Pantheon',
  Unity: 'Unity',
  XFCE: 'XFCE',
  UKUI: 'UKUI',
};

/** Chromium's own reading of the environment; null: a desktop it does not know (LXQt, KDE 3 and OTHER pick basic_text too). */
export function recognisedDesktop(env: DesktopEnv): KnownDesktop | null {
  for (const token of (env.XDG_CURRENT_DESKTOP ?? '').split(':').map((part) => part.trim())) {
    if (token === 'LXQt') return null;
    const known = BY_XDG_TOKEN[token];
    if (known !== undefined) return known;
  }
  const session = env.DESKTOP_SESSION ?? '';
  if (session === 'deepin') return 'Deepin';
  if (session === 'gnome' || session === 'mate') return 'GNOME';
  if (session === 'kde4' || session === 'kde-plasma') return 'KDE';
  if (session.includes('xfce') || session === 'xubuntu') return 'XFCE';
  if (session === 'ukui') return 'UKUI';
  if (env.GNOME_DESKTOP_SESSION_ID !== undefined) return 'GNOME';
  if (env.KDE_FULL_SESSION !== undefined) return 'KDE';
  return null;
}

/** Keyrings by the bus name they answer on, in order of preference. */
const KEYRINGS: readonly (readonly [string, PasswordStore, string])[] = [
  ['org.freedesktop.secrets', 'gnome-libsecret', 'a Secret Service'],
  ['org.kde.kwalletd6', 'kwallet6', 'KWallet 6'],
  ['org.kde.kwalletd5', 'kwallet5', 'KWallet 5'],
];

export interface ChoiceInput {
  env: DesktopEnv;
  /** The --password-store switch the person already gave, if any: theirs wins. */
  givenSwitch: string | null;
  /** Lists the session bus's names; called only when the desktop is unknown. */
  busNames: () => BusNames;
}

/** The desktop as a person would name it, in words safe for a log line: short, printable. */
function desktopName(env: DesktopEnv): string {
  const raw = env.XDG_CURRENT_DESKTOP?.trim() || env.DESKTOP_SESSION?.trim() || '';
  const printable = raw.replace(/[^\w.:+ -]/g, '').slice(0, 40);
  return printable === '' ? 'unnamed' : printable;
}

export function choosePasswordStore({ env, givenSwitch, busNames }: ChoiceInput): PasswordStoreChoice {
  if (givenSwitch !== null) return { passwordStore: null, reason: `--password-store=${givenSwitch} was given on the command line` };
  const known = recognisedDesktop(env);
  if (known !== null) return { passwordStore: null, reason: `Chromium recognises the ${known} desktop and picks its keyring itself` };
  const desktop = desktopName(env);
  const listed = busNames();
  if (!listed.ok) {
    return { passwordStore: null, reason: `the desktop (${desktop}) is not one Chromium recognises and the session bus could not be asked (${listed.reason})` };
  }
  for (const [name, store, words] of KEYRINGS) {
    if (listed.names.has(name)) return { passwordStore: store, reason: `the desktop (${desktop}) is not one Chromium recognises; ${words} is running` };
  }
  return { passwordStore: null, reason: `the desktop (${desktop}) is not one Chromium recognises and no keyring is running on the session bus` };
}
