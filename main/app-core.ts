// The main-process core as the Electron shell and the test harness see it. It owns the
// sign-in state machine; the shell only delivers deep links and relays IPC.
// Rule: nothing here may import electron.
import type { AuthView } from '../preload/api';
import { createAccountService } from './account/account-service';
import { createMagicLinkFlow, type MagicLinkFlow } from './auth/magic-link-flow';
import { createDeferredGateway } from './auth/deferred-gateway';
import { stytchJwtExpectations, verifyJwtLocally } from './auth/jwt-verify';
import type { StytchGateway } from './auth/stytch-gateway';
import type { AppConfig } from './config';
import type { CipherStatus, Clipboard, Clock, Logger, Store } from '../common/ports';
import type { NetworkSettings } from './network/routing-dispatcher';
import { verifyRelayJwt } from './relay/relay-jwt';
import type { AccountService } from './services';
import { createIdleWatch } from './session/idle-watch';
import { createSessionVault } from './session/session-vault';
import { createVerifierStore } from './session/verifier-store';

export interface AppCoreDeps {
  config: AppConfig;
  cipher: CipherStatus;
  store: Store;
  logger: Logger;
  clock?: Clock;
  /**
   * Where "Copy link" writes the link for another computer. Optional so cores that never
   * copy (benchmarks, sign-in tests) need none; without it copying answers a result.
   */
  clipboard?: Clipboard;
  /** Another Stytch gateway (a relay, later); default: the SDK in direct mode from config. */
  gateway?: StytchGateway;
  /** The system's proxy settings and certificate store (main/network); default: direct, bundled roots. */
  network?: NetworkSettings;
}

export interface AppCore {
  /** Restores a stored session (instant, local) and confirms it remotely in the background. */
  start(): Promise<void>;
  /** The current renderer-safe view. */
  view(): AuthView;
  /** Called on every view change; returns the unsubscribe function. */
  onView(listener: (view: AuthView) => void): () => void;
  sendLink(email: string): Promise<AuthView>;
  resend(): Promise<AuthView>;
  /** The paste fallback: the emailed https link or the promptgrimoire:// link. */
  submitLink(link: string): Promise<AuthView>;
  /** Continue as the account of a link not requested here (the 'confirming' status). */
  confirmLink(): Promise<AuthView>;
  /**
   * Decline a link not requested here (also on closing the window): its session is ended
   * at Stytch and wiped, and a pending sign-in comes back. With nothing to decline, no change.
   */
  cancelLink(): Promise<AuthView>;
  startOver(): Promise<AuthView>;
  dismissNotice(): Promise<AuthView>;
  signOut(): Promise<AuthView>;
  /**
   * A URL handed over by the OS (open-url, second-instance argv, cold-start argv). Invalid
   * URLs are logged (redacted) and ignored; a link delivered twice authenticates once.
   */
  handleDeepLink(url: string): Promise<void>;
  /** Keyboard or pointer input in the window: resets the idle timeout, if one is configured. */
  noteActivity(): void;
  /** Asks Stytch about the session now (the machine woke up): confirmed re-arms the timers, over signs out. */
  checkSession(): Promise<AuthView>;
  /** Stops timers and background work. */
  dispose(): Promise<void>;
}

/** The core plus a hook tests and benchmarks use to wait for background work. */
export interface AppCoreWithIdle extends AppCore {
  /** Resolves once background work (remote confirm, signing-key capture) has settled. */
  idle(): Promise<void>;
  /** The signed-in person's account screen: sessions, another-computer link, invites. */
  readonly account: AccountService;
}

const systemClock: Clock = { now: () => Date.now() };

/**
 * Relay mode talks to the organisation's relay; the other modes hold the secret themselves.
 * Either client loads on its first network call: the first screen needs none of it.
 */
export function gatewayFor(config: AppConfig, logger: Logger, settings?: NetworkSettings): StytchGateway {
  const timeoutMs = config.stytchTimeoutMs;
  // Loaded with the client it serves, so undici stays out of the first screen too.
  const network = async () =>
    settings === undefined ? undefined : (await import('./network/routing-dispatcher')).createRoutingDispatcher(settings, { timeoutMs, logger });
  if (config.mode === 'relay') {
    const projectId = config.stytch.projectId;
    return createDeferredGateway(
      async () => {
        const [{ createRelayGateway }, routed] = await Promise.all([import('./relay/relay-gateway'), network()]);
        return createRelayGateway({ relayUrl: config.relayUrl, timeoutMs, logger, projectId, ...(routed ? { network: routed } : {}) });
      },
      (jwt, keys, nowMs) => verifyRelayJwt(projectId, jwt, keys, nowMs),
    );
  }
  const { projectId, secret, baseUrl } = config.stytch;
  const expectations = stytchJwtExpectations(projectId, baseUrl);
  return createDeferredGateway(
    async () => {
      const [{ createSdkGateway }, routed] = await Promise.all([import('./auth/sdk-gateway'), network()]);
      return createSdkGateway({ projectId, secret, baseUrl, timeoutMs, logger, signUpPolicy: config.signUpPolicy, ...(routed ? { network: routed } : {}) });
    },
    (jwt, keys, nowMs) => verifyJwtLocally(jwt, keys, nowMs, expectations),
  );
}

export function createAppCore(deps: AppCoreDeps): AppCoreWithIdle {
  const clock = deps.clock ?? systemClock;
  const { config, cipher, logger, store } = deps;
  if (!cipher.available) logger.warn('no OS encryption available: the session stays in memory only', { reason: cipher.reason });
  const gateway = deps.gateway ?? gatewayFor(config, logger, deps.network);
  // One vault for both: in memory-only mode the session exists only inside this instance.
  const vault = createSessionVault({ cipher, store, logger, clock });
  const flow = createMagicLinkFlow({
    config,
    gateway,
    vault,
    verifiers: createVerifierStore({ cipher, store, logger, clock }),
    logger,
    clock,
  });
  const idle = config.idleTimeoutMinutes === null ? null : watchIdle(flow, config.idleTimeoutMinutes, clock, logger);
  const account = createAccountService({
    config,
    gateway,
    vault,
    store,
    ...(deps.clipboard ? { clipboard: deps.clipboard } : {}),
    clock,
    logger,
    expireIfDue: () => flow.expireIfDue(),
  });
  return {
    ...flow,
    account,
    noteActivity: () => idle?.activity(),
    async idle(): Promise<void> {
      await idle?.signingOut();
      await flow.idle();
      await vault.written();
    },
    async dispose(): Promise<void> {
      idle?.stop();
      await flow.dispose();
      // Quitting waits for the session write the signed-in view did not wait for.
      vault.flush();
    },
  };
}

/** Watches while signed in; after the configured stretch without input, signs out and says why. */
function watchIdle(flow: MagicLinkFlow, minutes: number, clock: Clock, logger: Logger) {
  let signingOut: Promise<unknown> = Promise.resolve();
  const watch = createIdleWatch({
    timeoutMs: minutes * 60_000,
    clock,
    onIdle() {
      logger.info('signing out after the idle timeout', { minutes });
      signingOut = flow.signOut('signed-out-idle').catch((error: unknown) => logger.error('idle sign-out failed', { error }));
    },
  });
  flow.onView((view) => (view.status === 'signed-in' ? watch.start() : watch.stop()));
  /** `signingOut`: settles once an idle sign-out (revoke included) has finished. */
  return { ...watch, signingOut: () => signingOut };
}
