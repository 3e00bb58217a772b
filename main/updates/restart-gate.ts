// When "Restart to update" may quit the app: not while a sign-in is under way (a request or
// an exchange in flight would be cut off, a "Continue as …?" lost, and in memory-only mode
// the PKCE verifier with it), and not before a session write has landed.
// Rule: nothing here may import electron.
import type { AuthStatus, AuthView } from '../../preload/api';
import type { RestartGate } from './update-policy';

const SIGN_IN_UNDER_WAY: ReadonlySet<AuthStatus> = new Set(['sending', 'link-sent', 'authenticating', 'confirming']);

export const RESTART_BLOCKED_MESSAGE =
  'Finish signing in first: restarting now would interrupt it. The update installs when you next quit, or restart once you are signed in.';

export function restartGateFor(core: { view(): AuthView; idle(): Promise<void> }): RestartGate {
  return {
    blockedReason: () => (SIGN_IN_UNDER_WAY.has(core.view().status) ? RESTART_BLOCKED_MESSAGE : null),
    settled: () => core.idle(),
  };
}
