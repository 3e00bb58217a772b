// The signed-in person's account: their active sessions, a link to sign in on another
// computer, and invites. Every answer is a result with a stable code and a sentence from
// the notices table; the session token is read from the vault and goes only to the gateway.
// Rule: nothing here may import electron; no token, JWT or unmasked link enters a result or
// a log line.
import type { AccountView, DeviceLinkView, IpcResult, SessionSummary } from '../../preload/api';
import type { ActiveSession, GatewayFailure, SessionCaller, StytchGateway } from '../auth/stytch-gateway';
import { noticeFor, type NoticeCode } from '../auth/notices';
import type { AppConfig } from '../config';
import type { Clipboard, Clock, Logger, Store } from '../../common/ports';
import type { AccountService } from '../services';
import type { SessionVault, StoredSession } from '../session/session-vault';
import { createSecretClipboard } from './secret-clipboard';
import { DEVICE_LINK_MINUTES, deviceLinkFor, maskedDeviceLinkFor } from './device-link';
import { createInviteLedger } from './invite-ledger';

export interface AccountServiceDeps {
  config: AppConfig;
  gateway: StytchGateway;
  /** The same vault the sign-in flow writes, so both see one signed-in session. */
  vault: SessionVault;
  /** Holds the pending-invites record (plain, it has no secrets). */
  store: Store;
  /** Absent where the shell offers none; copying then answers 'clipboard-unavailable'. */
  clipboard?: Clipboard;
  clock: Clock;
  logger: Logger;
  /**
   * Ends the signed-in session if its expiry has passed (the sign-in flow's, so the page
   * returns to sign-in with the expiry notice). Asked before every answer.
   */
  expireIfDue?: () => boolean;
}

interface HeldDeviceLink {
  /** The session that made it: once that session ends (sign-out), the link is forgotten. */
  sessionId: string;
  link: string;
  view: DeviceLinkView;
  expiresAtMs: number;
}

function refuse<T>(code: NoticeCode, retryAfterSeconds?: number): IpcResult<T> {
  return { ok: false, code, message: noticeFor(code, retryAfterSeconds).message };
}

const fromFailure = <T>(failure: GatewayFailure): IpcResult<T> => refuse(failure.code, failure.retryAfterSeconds);

function summarize(session: ActiveSession): SessionSummary {
  return {
    id: session.sessionId,
    current: session.current,
    startedAt: session.startedAt ?? session.lastAccessedAt ?? '',
    lastActiveAt: session.lastAccessedAt ?? session.startedAt ?? '',
    expiresAt: session.expiresAt,
  };
}

/** This session first, then the most recently active. */
const byRelevance = (a: SessionSummary, b: SessionSummary): number =>
  Number(b.current) - Number(a.current) || b.lastActiveAt.localeCompare(a.lastActiveAt);

export function createAccountService(deps: AccountServiceDeps): AccountService {
  const { config, gateway, vault, clock, logger } = deps;
  const ledger = createInviteLedger(deps);
  // The device link lives only here, in memory: a restart or sign-out forgets it.
  let deviceLink: HeldDeviceLink | null = null;
  const secretClipboard = deps.clipboard
    ? createSecretClipboard({ clipboard: deps.clipboard, clock, logger })
    : null;

  const isOver = (session: StoredSession): boolean => {
    const expiresAtMs = Date.parse(session.expiresAt);
    return Number.isFinite(expiresAtMs) && expiresAtMs <= clock.now();
  };

  const callerOf = (session: StoredSession): SessionCaller => ({
    userId: session.user.userId,
    sessionId: session.sessionId,
    sessionToken: session.sessionToken,
  });

  async function viewOf(session: StoredSession): Promise<IpcResult<AccountView>> {
    const listed = await gateway.listSessions(callerOf(session));
    if (!listed.ok) return fromFailure(listed.failure);
    return {
      ok: true,
      value: {
        email: session.user.email ?? '',
        name: session.user.name,
        sessionStartedAt: session.startedAt,
        expiresAt: session.expiresAt,
        sessions: listed.value.map(summarize).sort(byRelevance),
        pendingInvites: ledger
          .list(session.user.userId, clock.now())
          .map((record) => ({ email: record.email, name: record.name, sentAt: record.sentAt })),
      },
    };
  }

  /**
   * Runs `work` for the signed-in session, or answers why not (the seed's require_auth):
   * a session whose expiry has passed by now is ended and answered 'session-expired'.
   */
  async function withSession<T>(work: (session: StoredSession) => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
    const expired = deps.expireIfDue?.() === true;
    const session = vault.load();
    if (!session || isOver(session)) {
      deviceLink = null;
      return refuse(expired || session ? 'session-expired' : 'not-signed-in');
    }
    return work(session);
  }

  function heldLinkFor(session: StoredSession): HeldDeviceLink | null {
    if (!deviceLink) return null;
    if (deviceLink.sessionId !== session.sessionId || deviceLink.expiresAtMs <= clock.now()) {
      deviceLink = null;
      return null;
    }
    return deviceLink;
  }

  return {
    get: () => withSession(viewOf),

    signOutOtherSessions: () =>
      withSession(async (session) => {
        const caller = callerOf(session);
        const listed = await gateway.listSessions(caller);
        if (!listed.ok) return fromFailure(listed.failure);
        let revoked = 0;
        for (const other of listed.value) {
          if (other.current) continue;
          const result = await gateway.revokeSessionById(caller, other.sessionId);
          // Ended meanwhile (expired, or signed out there): that is the outcome we wanted.
          if (!result.ok && result.failure.errorType !== 'session_not_found') return fromFailure(result.failure);
          if (result.ok) revoked += 1;
        }
        logger.info('signed out other sessions', { revoked });
        return viewOf(session);
      }),

    createDeviceLink: () =>
      withSession(async (session) => {
        const created = await gateway.createEmbeddableLink(callerOf(session), DEVICE_LINK_MINUTES);
        if (!created.ok) return fromFailure(created.failure);
        const expiresAtMs = clock.now() + created.value.expirationMinutes * 60_000;
        const view: DeviceLinkView = {
          maskedLink: maskedDeviceLinkFor(config.callbackUrl, created.value.token),
          expiresAt: new Date(expiresAtMs).toISOString(),
        };
        deviceLink = { sessionId: session.sessionId, link: deviceLinkFor(config.callbackUrl, created.value.token), view, expiresAtMs };
        logger.info('created a link for another computer', { minutes: created.value.expirationMinutes });
        return { ok: true, value: view };
      }),

    copyDeviceLink: () =>
      withSession(async (session) => {
        const held = heldLinkFor(session);
        if (!held) return refuse('no-device-link');
        if (!secretClipboard) return refuse('clipboard-unavailable');
        try {
          await secretClipboard.copy(held.link, held.expiresAtMs);
        } catch (error) {
          logger.warn('the clipboard refused the link for another computer', { error });
          return refuse('clipboard-refused');
        }
        return { ok: true, value: held.view };
      }),

    async invite(request) {
      if (!config.invitesEnabled) return refuse('invites-disabled');
      return withSession(async (session) => {
        const email = request.email.trim();
        const firstName = request.firstName.trim();
        const lastName = request.lastName.trim();
        // In relay mode the relay's own setting decides how long the invite works.
        const minutes = config.mode === 'relay' ? undefined : config.inviteExpirationMinutes;
        const sent = await gateway.invite(callerOf(session), {
          email,
          callbackUrl: config.callbackUrl,
          ...(firstName ? { firstName } : {}),
          ...(lastName ? { lastName } : {}),
          ...(minutes !== undefined ? { expirationMinutes: minutes } : {}),
        });
        if (!sent.ok) return fromFailure(sent.failure);
        const name = [firstName, lastName].filter(Boolean).join(' ');
        const sentAt = clock.now();
        ledger.add({
          invitedBy: session.user.userId,
          email,
          name: name || null,
          sentAt: new Date(sentAt).toISOString(),
          ...(minutes !== undefined ? { expiresAt: new Date(sentAt + minutes * 60_000).toISOString() } : {}),
        });
        logger.info('sent an invite');
        return viewOf(session);
      });
    },

    async revokeInvite(email) {
      if (!config.invitesEnabled) return refuse('invites-disabled');
      return withSession(async (session) => {
        const revoked = await gateway.revokeInvite(callerOf(session), email.trim());
        // No open invite left for that email (already accepted, revoked or expired): the
        // entry is stale either way.
        if (!revoked.ok && revoked.failure.errorType !== 'email_not_found') return fromFailure(revoked.failure);
        ledger.remove(session.user.userId, email);
        logger.info('revoked an invite');
        return viewOf(session);
      });
    },
  };
}
