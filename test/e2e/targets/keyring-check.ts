// What the electron target demands of Chromium's key storage before any spec runs. On Linux
// the restart specs need a session that survives a restart, so the app must encrypt with
// the Secret Service (GNOME Keyring). Without one Chromium quietly picks 'basic_text', the
// app keeps the session in memory only (by design), and four restart specs would fail
// without saying why. This check says why, once, at the start.
// Rule: nothing here may import electron; the target reads the backend and passes it in.

/** safeStorage.getSelectedStorageBackend() when Chromium really uses GNOME Keyring. */
export const EXPECTED_LINUX_BACKEND = 'gnome_libsecret';

/**
 * Chromium's own switch: use the Secret Service whatever the desktop. Without it, under a
 * bare X server (no XDG_CURRENT_DESKTOP it knows), Chromium does not even try the keyring.
 */
export const LINUX_PASSWORD_STORE_SWITCH = `--password-store=gnome-libsecret`;

/** Null when the backend is what the specs need; otherwise a message for the person running them. */
export function keyringProblem(platform: NodeJS.Platform, backend: string | undefined): string | null {
  if (platform !== 'linux' || backend === EXPECTED_LINUX_BACKEND) return null;
  return (
    `Electron's safeStorage chose '${backend ?? 'nothing'}' instead of '${EXPECTED_LINUX_BACKEND}': no unlocked GNOME Keyring ` +
    'answered on the D-Bus session bus, so the app would keep its session in memory only and every restart spec ' +
    'would fail. Run the electron project with `npm run test:electron`, which starts Xvfb, a D-Bus session and an ' +
    'unlocked GNOME Keyring (scripts/qa/linux-session.sh); or start gnome-keyring-daemon --unlock in your own session.'
  );
}
