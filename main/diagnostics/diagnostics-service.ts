// The service behind the diagnostics screen: gathers the facts support needs when "the link
// didn't open the app" through small probes (Electron's in the app, plain Node ones in the
// test harness), words them with buildDiagnosticsReport, and answers every call with a
// result.
// Rules: nothing here may import electron; nothing thrown leaves this module; every string
// in the view, the report included, has been through the logger's redactor, so no token,
// JWT, verifier or secret reaches the page or the clipboard.
import { DIAGNOSTICS_FAILURE_CODES, type AuthView, type DiagnosticsFailureCode, type DiagnosticsView, type IpcResult } from '../../preload/api';
import type { AppConfig } from '../config';
import { redactText } from '../../common/log/redact';
import type { Clipboard, Logger } from '../../common/ports';
import type { DiagnosticsService } from '../services';
import type { PasswordStoreChoice } from '../keyring/password-store';
import { describeRoute } from '../network/proxy-answer';
import type { NetworkSettings, RoutingDispatcher } from '../network/routing-dispatcher';
import type { UpdateDiagnostics } from '../updates/update-policy';
import { checkReachability, reachabilityTarget, type Reachability } from './reachability';
import { buildDiagnosticsReport, lastUpdateCheck, type DiagnosticsFacts } from './report';

export interface ProtocolHandlerState {
  isDefault: boolean;
  /** What the OS would open promptgrimoire:// with (an app name or a .desktop file); null: nothing or unknown. */
  currentHandler: string | null;
  /** Whether fixProtocolHandler() can do anything on this installation. */
  canFix: boolean;
  /** Why the answer is uncertain (the OS could not be asked, say); null when it is not. */
  detail: string | null;
}

/** What a probe that changes something answers: done, or why not, in words for a person. */
export type ProbeOutcome = { ok: true } | { ok: false; reason: string };

/** The facts only the host (Electron, or the test harness) knows. */
export interface DiagnosticsProbes {
  appVersion: string;
  /** Electron's version, or what stands in for it outside Electron. */
  runtimeVersion: string;
  packaged: boolean;
  /** process.platform */
  platform: string;
  osRelease: string;
  arch: string;
  /** On Linux: how the app was installed, when known. */
  linuxPackage: 'AppImage' | 'deb' | null;
  protocolHandler(): Promise<ProtocolHandlerState>;
  fixProtocolHandler(): Promise<ProbeOutcome>;
  /** The OS keystore safeStorage uses ('basic_text' on Linux without a keyring). */
  storageBackend(): string;
  logFilePath(): string | null;
  revealLogFile(): Promise<ProbeOutcome>;
}

export interface DiagnosticsServiceDeps {
  config: AppConfig;
  currentView: () => AuthView;
  probes: DiagnosticsProbes;
  /** Only plain text: the report holds nothing secret. */
  clipboard: Pick<Clipboard, 'writeText'>;
  logger: Logger;
  /** Replaces the network check (default: a timed GET to the configured service). */
  checkConnectivity?: () => Promise<Reachability>;
  reachabilityTimeoutMs?: number;
  /** How long copy, fix and reveal may reuse the last network check instead of waiting for a new one. */
  connectivityMaxAgeMs?: number;
  now?: () => Date;
  /** The system's proxy settings (main/network): the check goes the way sign-in goes, and says which way. */
  network?: NetworkSettings;
  /** On Linux: the keyring Chromium was told to use before start-up, and why. */
  keyringChoice?: PasswordStoreChoice | null;
  /** The update policy's state; absent where nothing updates (the harness, development). */
  updates?: () => UpdateDiagnostics;
}


const TARGET_NAMES = { stytch: 'Stytch', relay: 'Sign-in relay', emulator: 'Local emulator' } as const;

export function createDiagnosticsService(deps: DiagnosticsServiceDeps): DiagnosticsService {
  const { config, probes, clipboard, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const maxAgeMs = deps.connectivityMaxAgeMs ?? 60_000;
  const target = reachabilityTarget(config);
  // Built on first use, like the gateways' own: undici stays off the first screen.
  let routed: Promise<RoutingDispatcher> | undefined;
  const routing = (settings: NetworkSettings): Promise<RoutingDispatcher> =>
    (routed ??= import('../network/routing-dispatcher').then(({ createRoutingDispatcher }) =>
      createRoutingDispatcher(settings, { timeoutMs: deps.reachabilityTimeoutMs ?? 5000, logger }),
    ));
  const checkConnectivity =
    deps.checkConnectivity ??
    (async () => {
      const dispatcher = deps.network === undefined ? undefined : await routing(deps.network);
      return checkReachability(target, { timeoutMs: deps.reachabilityTimeoutMs, ...(dispatcher ? { dispatcher } : {}) });
    });

  async function networkRoute(): Promise<string> {
    if (deps.network === undefined) return 'direct';
    const route = await (await routing(deps.network)).routeFor(target.url);
    return route.kind === 'direct' ? 'direct' : `${describeRoute(route)} (from system settings)`;
  }
  let lastCheck: { at: number; result: Reachability } | null = null;

  async function connectivity(fresh: boolean): Promise<Reachability> {
    const at = now().getTime();
    if (!fresh && lastCheck !== null && at - lastCheck.at <= maxAgeMs) return lastCheck.result;
    const result = await checkConnectivity();
    lastCheck = { at, result };
    return result;
  }

  async function gather(fresh: boolean): Promise<DiagnosticsView> {
    const [protocol, reach, network] = await Promise.all([probes.protocolHandler(), connectivity(fresh), networkRoute()]);
    const keyringChoice = deps.keyringChoice ?? null;
    const view = deps.currentView();
    const backend = probes.storageBackend();
    const logFile = probes.logFilePath();
    const encrypted = view.persistence === 'encrypted';
    const crashReportsTo = config.crashReportsUrl === null ? null : new URL(config.crashReportsUrl).origin;
    const updates = deps.updates?.() ?? { mode: 'off', channel: config.channel, status: 'idle', lastCheck: null };
    const facts: DiagnosticsFacts = {
      generatedAt: now(),
      app: {
        version: probes.appVersion,
        channel: config.channel,
        packaged: probes.packaged,
        electronVersion: probes.runtimeVersion,
        mode: config.mode,
        environmentOverrides: config.environmentOverrides,
        crashReportsTo,
        updates,
      },
      os: { platform: probes.platform, release: probes.osRelease, arch: probes.arch, linuxPackage: probes.linuxPackage },
      protocol: { isDefaultHandler: protocol.isDefault, handlerName: protocol.currentHandler, detail: protocol.detail },
      storage: {
        backend,
        encryptionAvailable: encrypted,
        session: view.status === 'signed-in' ? view.persistence : 'none',
        keyringChoice,
      },
      network,
      connectivity: { target: reach.kind, url: reach.url, reachable: reach.reachable, latencyMs: reach.latencyMs, detail: reach.detail },
      logFile: logFile ?? 'not written (no log file in this run)',
    };
    return {
      appVersion: redactText(probes.appVersion),
      channel: redactText(config.channel),
      platform: redactText(probes.platform),
      protocolHandler: {
        isDefault: protocol.isDefault,
        currentHandler: protocol.currentHandler === null ? null : redactText(protocol.currentHandler),
        canFix: protocol.canFix,
      },
      storage: { backend: redactText(backend), encrypted: encrypted && backend !== 'basic_text' },
      keyringReason: keyringChoice === null ? null : redactText(keyringChoice.reason),
      network: redactText(network),
      stytch: {
        target: redactText(`${TARGET_NAMES[reach.kind]} at ${reach.url}`),
        reachable: reach.reachable,
        latencyMs: reach.latencyMs,
        detail: redactText(reach.detail),
      },
      logFilePath: logFile === null ? null : redactText(logFile),
      crashReports: { enabled: crashReportsTo !== null, server: crashReportsTo === null ? null : redactText(crashReportsTo) },
      updates: { mode: updates.mode, lastCheck: updates.mode === 'off' ? null : redactText(lastUpdateCheck(updates)) },
      report: buildDiagnosticsReport(facts),
    };
  }

  /** Runs one operation; anything thrown becomes a result with a stable code. */
  async function attempt(operation: string, run: () => Promise<IpcResult<DiagnosticsView>>): Promise<IpcResult<DiagnosticsView>> {
    try {
      return await run();
    } catch (error) {
      logger.error('diagnostics: an operation failed', { operation, error });
      return {
        ok: false,
        code: DIAGNOSTICS_FAILURE_CODES.failed,
        message: 'PromptGrimoire could not gather its diagnostics. Try again; the log file has the details.',
      };
    }
  }

  const refused = (code: DiagnosticsFailureCode, message: string): IpcResult<DiagnosticsView> => ({ ok: false, code, message });

  return {
    get: () =>
      attempt('get', async () => {
        const view = await gather(true);
        logger.info('diagnostics: gathered', {
          handlerIsDefault: view.protocolHandler.isDefault,
          reachable: view.stytch.reachable,
          latencyMs: view.stytch.latencyMs,
        });
        return { ok: true, value: view };
      }),

    copy: () =>
      attempt('copy', async () => {
        const view = await gather(false);
        try {
          await clipboard.writeText(view.report);
        } catch (error) {
          logger.warn('diagnostics: the clipboard refused the report', { error });
          return refused(DIAGNOSTICS_FAILURE_CODES.clipboard, 'The report could not be put on the clipboard. Try again.');
        }
        logger.info('diagnostics: report copied to the clipboard');
        return { ok: true, value: view };
      }),

    fixProtocolHandler: () =>
      attempt('fix-protocol-handler', async () => {
        const before = await probes.protocolHandler();
        if (!before.canFix) {
          return refused(
            DIAGNOSTICS_FAILURE_CODES.cannotFix,
            'This copy of PromptGrimoire cannot make itself the handler of sign-in links. Reinstall it, or paste the link on the "check your email" screen.',
          );
        }
        const outcome = await probes.fixProtocolHandler();
        if (!outcome.ok) {
          logger.warn('diagnostics: could not claim the scheme', { reason: outcome.reason });
          return refused(DIAGNOSTICS_FAILURE_CODES.fixFailed, redactText(`Sign-in links could not be pointed at this app: ${outcome.reason}`));
        }
        logger.info('diagnostics: claimed the promptgrimoire:// scheme');
        return { ok: true, value: await gather(false) };
      }),

    revealLogFile: () =>
      attempt('reveal-log-file', async () => {
        if (probes.logFilePath() === null) {
          return refused(DIAGNOSTICS_FAILURE_CODES.noLogFile, 'This run of PromptGrimoire writes no log file.');
        }
        const outcome = await probes.revealLogFile();
        if (!outcome.ok) return refused(DIAGNOSTICS_FAILURE_CODES.noLogFile, redactText(outcome.reason));
        return { ok: true, value: await gather(false) };
      }),
  };
}
