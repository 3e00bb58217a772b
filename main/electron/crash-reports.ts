// Opt-in crash reports. Electron's crashReporter starts only when the packaged configuration
// names an https server (config.crashReportsUrl); without one nothing is collected or sent.
// A minidump can hold main-process memory, session tokens included, so the server must be
// one the organisation trusts like its relay (docs/distributing.md, "Crash reports").
// Rule: Electron types only.
import type { CrashReporter } from 'electron';
import type { Logger } from '../../common/ports';
import type { Expect } from './type-checks';

export type CrashReporterLike = Pick<CrashReporter, 'start'>;
export type _CrashReporterFits = Expect<CrashReporter extends CrashReporterLike ? true : false>;

/** Starts the crash reporter when a submit URL is configured; answers whether it did. */
export function installCrashReports(deps: { crashReporter: CrashReporterLike; submitUrl: string | null; logger: Logger }): boolean {
  const { submitUrl, logger } = deps;
  if (submitUrl === null) {
    logger.info('crash reports: off (no submit URL in the packaged configuration)');
    return false;
  }
  // Only the origin is logged, in case the URL carries a key in its path or query.
  const origin = new URL(submitUrl).origin;
  try {
    deps.crashReporter.start({ submitURL: submitUrl, uploadToServer: true, compress: true, ignoreSystemCrashHandler: true });
  } catch (error) {
    logger.error('crash reports: the crash reporter did not start', { origin, error });
    return false;
  }
  logger.info('crash reports: on', { origin });
  return true;
}
