// When the app looks for updates, what it offers, and when it may restart to install one.
// electron-updater sits behind the small Updater port (main/electron/updater.ts); tests
// drive this module with an in-memory updater and fake timers.
// Rules: nothing here may import electron; nothing thrown leaves this module; the page sees
// only an UpdateView (a version and a sentence, never the feed's address); a restart never
// happens while a sign-in is pending or a session write is in flight.
import { UPDATE_FAILURE_CODES, type IpcResult, type UpdateFailureCode, type UpdateView } from '../../preload/api';
import type { Clock, Logger } from '../../common/ports';
import { schedule, type Cancel } from '../session/timers';
import type { UpdateMode } from './update-mode';

/** electron-updater as the policy sees it. Each call may reject; the policy catches. */
export interface Updater {
  /** Reads the feed; `available` when its version is newer than this app's. */
  check(): Promise<{ available: boolean; version: string }>;
  /** Downloads and verifies the update (sha512 everywhere, code signature on macOS and Windows). */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quits, installs the downloaded update and starts the new version. */
  quitAndInstall(): void;
}

/** What must not be cut short by a restart. */
export interface RestartGate {
  /** A sentence saying why restarting now would lose something; null when it is safe. */
  blockedReason(): string | null;
  /** Settles once background work that may write the session has finished. */
  settled(): Promise<void>;
}

/** For diagnostics: what support asks when "the update never came". */
export interface UpdateDiagnostics {
  mode: UpdateMode;
  channel: string;
  status: UpdateView['status'];
  lastCheck: { at: string; result: 'up-to-date' | 'update-available' | 'failed'; detail: string | null } | null;
}

export interface UpdatePolicy {
  /** The first check shortly after start-up, then one every six hours. Does nothing when updates are off. */
  start(): void;
  /** Help → Check for updates: the answer is shown to the person, even "up to date". */
  checkNow(): Promise<UpdateView>;
  download(): Promise<IpcResult<UpdateView>>;
  restart(): Promise<IpcResult<UpdateView>>;
  dismissNotice(): UpdateView;
  view(): UpdateView;
  onView(listener: (view: UpdateView) => void): () => void;
  diagnostics(): UpdateDiagnostics;
  dispose(): void;
}

export interface UpdatePolicyDeps {
  mode: UpdateMode;
  channel: string;
  /** Null when updates are off: nothing is ever asked of electron-updater. */
  updater: Updater | null;
  gate: RestartGate;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  firstCheckDelayMs?: number;
}

export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
/**
 * The first check waits a little after start-up: it loads electron-updater, which the first
 * window and the restore do not need and should not wait behind.
 */
export const FIRST_CHECK_DELAY_MS = 10_000;


/** A release version as electron-builder writes it: semver, an optional pre-release or build tag. */
const VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}(?:[-+][0-9A-Za-z.-]{1,64})?$/;

const MESSAGES = {
  upToDate: 'PromptGrimoire is up to date.',
  checkFailed: 'PromptGrimoire could not check for updates. It will try again later; the log file has the details.',
  downloadFailed: 'The update could not be downloaded or did not pass its checks, so nothing was installed. Try again later.',
  off: 'Updates for this installation come from your organisation, not from PromptGrimoire.',
} as const;

export function createUpdatePolicy(deps: UpdatePolicyDeps): UpdatePolicy {
  const { updater, gate, clock, logger } = deps;
  const intervalMs = deps.intervalMs ?? CHECK_INTERVAL_MS;
  let view: UpdateView = { status: 'idle', version: null, percent: null, notice: null };
  let lastCheck: UpdateDiagnostics['lastCheck'] = null;
  let checking: Promise<UpdateView> | null = null;
  // Set by a check the person asked for, also one that joins a background check in flight.
  let personAsked = false;
  let cancelTimer: Cancel | null = null;
  let disposed = false;
  const listeners = new Set<(view: UpdateView) => void>();

  const set = (next: Partial<UpdateView>): UpdateView => {
    view = { ...view, ...next };
    for (const listener of listeners) listener(view);
    return view;
  };
  const ok = (): IpcResult<UpdateView> => ({ ok: true, value: view });
  const refused = (code: UpdateFailureCode, message: string): IpcResult<UpdateView> => ({ ok: false, code, message });
  const note = (at: number, result: NonNullable<UpdateDiagnostics['lastCheck']>['result'], detail: string | null) => {
    lastCheck = { at: new Date(at).toISOString(), result, detail };
  };

  function scheduleCheck(delayMs: number): void {
    if (disposed) return;
    cancelTimer = schedule(delayMs, () => {
      void check(false).finally(() => scheduleCheck(intervalMs));
    });
  }

  function check(asked: boolean): Promise<UpdateView> {
    if (updater === null) return Promise.resolve(asked ? set({ notice: { tone: 'info', message: MESSAGES.off } }) : view);
    // Once an update is on its way or waiting, another look at the feed changes nothing.
    if (view.status === 'downloading' || view.status === 'ready') return Promise.resolve(view);
    if (asked) personAsked = true;
    checking ??= runCheck(updater).finally(() => (checking = null));
    return checking;
  }

  async function runCheck(source: Updater): Promise<UpdateView> {
    const at = clock.now();
    let found: { available: boolean; version: string };
    try {
      found = await source.check();
      if (!VERSION.test(found.version)) throw new Error('the feed named a version that is not a release version');
    } catch (error) {
      const asked = answered();
      const detail = shortReason(error);
      note(at, 'failed', detail);
      logger.warn('updates: the check failed', { detail });
      return asked ? set({ notice: { tone: 'warning', message: MESSAGES.checkFailed } }) : view;
    }
    const asked = answered();
    if (disposed) return view;
    if (!found.available) {
      note(at, 'up-to-date', null);
      logger.info('updates: up to date', { feedVersion: found.version });
      // A release pulled from the feed (a rollback) is no longer offered.
      if (view.status === 'available') set({ status: 'idle', version: null });
      return asked ? set({ notice: { tone: 'info', message: MESSAGES.upToDate } }) : view;
    }
    note(at, 'update-available', found.version);
    logger.info('updates: an update is available', { version: found.version, mode: deps.mode });
    set({ status: 'available', version: found.version, notice: null });
    if (deps.mode === 'automatic') await fetchUpdate(source);
    return view;
  }

  /** Whether the check that just ended owes the person an answer; the next one starts afresh. */
  function answered(): boolean {
    const asked = personAsked;
    personAsked = false;
    return asked;
  }

  async function fetchUpdate(source: Updater): Promise<boolean> {
    set({ status: 'downloading', percent: 0, notice: null });
    try {
      await source.download((percent) => {
        if (view.status === 'downloading') set({ percent: Math.max(0, Math.min(100, Math.round(percent))) });
      });
    } catch (error) {
      logger.warn('updates: the download failed', { version: view.version, detail: shortReason(error) });
      set({ status: 'available', percent: null, notice: { tone: 'warning', message: MESSAGES.downloadFailed } });
      return false;
    }
    logger.info('updates: downloaded and verified; installs on quit', { version: view.version });
    set({ status: 'ready', percent: null });
    return true;
  }

  return {
    start() {
      if (updater === null) {
        logger.info('updates: off', { mode: deps.mode });
        return;
      }
      scheduleCheck(deps.firstCheckDelayMs ?? FIRST_CHECK_DELAY_MS);
    },
    checkNow: () => check(true),
    async download() {
      if (updater === null) return refused(UPDATE_FAILURE_CODES.off, MESSAGES.off);
      if (view.status === 'downloading' || view.status === 'ready') return ok();
      if (view.status !== 'available') return refused(UPDATE_FAILURE_CODES.nothingOffered, 'No update is on offer. Use Help → Check for updates.');
      const done = await fetchUpdate(updater);
      return done ? ok() : refused(UPDATE_FAILURE_CODES.downloadFailed, MESSAGES.downloadFailed);
    },
    async restart() {
      if (updater === null) return refused(UPDATE_FAILURE_CODES.off, MESSAGES.off);
      if (view.status !== 'ready') return refused(UPDATE_FAILURE_CODES.notReady, 'The update has not finished downloading yet.');
      const blocked = gate.blockedReason();
      if (blocked !== null) return refused(UPDATE_FAILURE_CODES.restartBlocked, blocked);
      // A refresh or sign-out may be writing the session: let it land first, then look again.
      await gate.settled();
      const stillBlocked = gate.blockedReason();
      if (stillBlocked !== null) return refused(UPDATE_FAILURE_CODES.restartBlocked, stillBlocked);
      logger.info('updates: restarting to install', { version: view.version });
      updater.quitAndInstall();
      return ok();
    },
    dismissNotice: () => set({ notice: null }),
    view: () => view,
    onView(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    diagnostics: () => ({ mode: deps.mode, channel: deps.channel, status: view.status, lastCheck }),
    dispose() {
      disposed = true;
      cancelTimer?.();
      listeners.clear();
    },
  };
}

/** One line, bounded: an updater error can carry a whole HTTP response. */
function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}
