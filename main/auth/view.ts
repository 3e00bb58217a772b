// The flow's state and the ONE projection from it to the renderer-safe AuthView.
// Rule: nothing here may import electron; the projection copies only named, harmless fields,
// so no token, JWT or verifier can reach the page even if one is added to the state.
import type { AuthView, Notice } from '../../preload/api';
import type { Persistence } from '../session/sealed-slot';
import type { SessionVault, StoredSession } from '../session/session-vault';

export interface PendingLink {
  email: string;
  /** ms since the epoch. */
  linkExpiresAt: number;
  resendAvailableAt: number;
  /** Stytch made the account for this send (user_created): the first sign-in is welcomed. */
  newAccount?: boolean;
}

export type FlowState =
  | { status: 'restoring' }
  | { status: 'signed-out' }
  | { status: 'sending'; email: string; pending: PendingLink | null }
  | { status: 'link-sent'; pending: PendingLink }
  | { status: 'authenticating'; pending: PendingLink | null }
  /** The session itself stays in the confirmation (unrequested-link.ts), never in the state. */
  | { status: 'confirming'; email: string; pending: PendingLink | null }
  | { status: 'signed-in'; session: StoredSession };

/** The sign-in a state is waiting on, if any: what Cancel and failures return to. */
export const pendingOf = (state: FlowState): PendingLink | null => ('pending' in state ? state.pending : null);
export const fallbackFrom = (pending: PendingLink | null): FlowState =>
  pending ? { status: 'link-sent', pending } : { status: 'signed-out' };

const iso = (ms: number): string => new Date(ms).toISOString();

/** What the configuration allows, shown so the UI offers only what works. */
export type Features = AuthView['features'];

export function toAuthView(
  state: FlowState,
  notice: Notice | null,
  stored: { readonly persistence: Persistence; lastEmail: SessionVault['lastEmail'] },
  features: Features,
  offline: boolean,
): AuthView {
  const view: AuthView = {
    status: state.status,
    email: null,
    name: null,
    expiresAt: null,
    linkExpiresAt: null,
    resendAvailableAt: null,
    pendingEmail: null,
    persistence: stored.persistence,
    offline: state.status === 'signed-in' && offline,
    // Where the last link went, to pre-fill the sign-in screen: an address, never a token.
    lastEmail: stored.lastEmail(),
    features,
    notice,
  };
  switch (state.status) {
    case 'sending':
      view.email = state.email;
      break;
    case 'link-sent':
    case 'authenticating':
      if (state.pending) {
        view.email = state.pending.email;
        view.linkExpiresAt = iso(state.pending.linkExpiresAt);
        view.resendAvailableAt = iso(state.pending.resendAvailableAt);
      }
      break;
    case 'confirming':
      view.email = state.email;
      view.pendingEmail = state.pending?.email ?? null;
      break;
    case 'signed-in':
      view.email = state.session.user.email;
      view.name = state.session.user.name;
      view.expiresAt = new Date(Date.parse(state.session.expiresAt)).toISOString();
      break;
    case 'restoring':
    case 'signed-out':
      break;
  }
  return view;
}
