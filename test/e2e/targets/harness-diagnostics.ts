// The diagnostics service of the 'harness' e2e target: the real createDiagnosticsService
// over probes that ask this machine, not Electron. On Linux the scheme's handler comes from
// the real xdg-mime through the app's own queryDefaultHandler; the reachability check is
// the app's own timed GET; the version is package.json's. The harness never changes the
// machine's handler: "fix" is refused with a reason, as a development run would.
// Rule: never import electron here.
import { access, constants } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { arch, release } from 'node:os';
import { resolve } from 'node:path';
import type { AuthView } from '../../../preload/api';
import type { AppConfig } from '../../../main/config';
import { createCommandRunner } from '../../../main/diagnostics/command-runner';
import { queryDefaultHandler, type CommandRunner } from '../../../main/diagnostics/desktop-entry';
import {
  createDiagnosticsService,
  type DiagnosticsProbes,
  type ProtocolHandlerState,
} from '../../../main/diagnostics/diagnostics-service';
import type { Clipboard, Logger } from '../../../common/ports';
import type { DiagnosticsService } from '../../../main/services';

export const HARNESS_STORAGE_BACKEND = 'aes-256-gcm (test keyring)';
export const HARNESS_RUNTIME = 'none (test harness, no Electron)';

export interface HarnessDiagnosticsOptions {
  config: AppConfig;
  currentView: () => AuthView;
  /** A real file the harness logger writes (or will write) to. */
  logFilePath: string;
  clipboard: Pick<Clipboard, 'writeText'>;
  logger?: Logger;
  /** Default: xdg-mime and friends from this process's PATH and HOME. */
  runCommand?: CommandRunner;
  reachabilityTimeoutMs?: number;
}

function packageVersion(): string {
  const parsed: unknown = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8'));
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version !== 'string') throw new Error('package.json has no version string');
  return version;
}

const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export function createHarnessDiagnostics(options: HarnessDiagnosticsOptions): DiagnosticsService {
  const runCommand = options.runCommand ?? createCommandRunner();
  const platform = process.platform;

  async function protocolHandler(): Promise<ProtocolHandlerState> {
    if (platform !== 'linux') {
      return { isDefault: false, currentHandler: null, canFix: false, detail: 'only Electron can ask this operating system' };
    }
    const query = await queryDefaultHandler(runCommand);
    return query.ok
      ? { isDefault: query.isThisApp, currentHandler: query.handler, canFix: false, detail: null }
      : { isDefault: false, currentHandler: null, canFix: false, detail: query.reason };
  }

  const probes: DiagnosticsProbes = {
    appVersion: packageVersion(),
    runtimeVersion: HARNESS_RUNTIME,
    packaged: false,
    platform,
    osRelease: release(),
    arch: arch(),
    linuxPackage: null,
    protocolHandler,
    fixProtocolHandler: () => Promise.resolve({ ok: false, reason: "the test harness never changes this computer's link handler" }),
    storageBackend: () => HARNESS_STORAGE_BACKEND,
    logFilePath: () => options.logFilePath,
    revealLogFile: () =>
      access(options.logFilePath, constants.R_OK).then(
        () => ({ ok: true as const }),
        () => ({ ok: false as const, reason: `The log file has not been written yet (${options.logFilePath}).` }),
      ),
  };

  return createDiagnosticsService({
    config: options.config,
    currentView: options.currentView,
    probes,
    clipboard: options.clipboard,
    logger: options.logger ?? silentLogger,
    reachabilityTimeoutMs: options.reachabilityTimeoutMs,
  });
}
