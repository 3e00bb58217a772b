// The harness's update policy: the real one, over an in-memory updater, so a spec can put
// a version on the "feed" and see the banner, and count the restarts the app asked for.
// Also the application menu's Help → Diagnostics, which in the app arrives as a push.
import type { AppCoreWithIdle } from '../../../main/app-core';
import type { Clock, Logger } from '../../../common/ports';
import { restartGateFor } from '../../../main/updates/restart-gate';
import { createUpdatePolicy, type UpdatePolicy } from '../../../main/updates/update-policy';
import { MemoryUpdater } from '../../fixtures/memory-updater';

/** What a spec can make happen outside the page: harness target only. */
export interface AppSimulations {
  /** Puts `version` on the feed and checks, as "Check for Updates…" does; automatic mode downloads it. */
  offerUpdate(version: string): Promise<void>;
  /** How many times the app quit to install an update. */
  updateRestarts(): number;
  /** Help → Diagnostics in the application menu. */
  showDiagnosticsFromMenu(): Promise<void>;
}

export function createHarnessUpdates(core: AppCoreWithIdle, clock: Clock, logger: Logger): { policy: UpdatePolicy; updater: MemoryUpdater } {
  const updater = new MemoryUpdater('0.1.0');
  const policy = createUpdatePolicy({
    mode: 'automatic',
    channel: 'stable',
    updater,
    gate: restartGateFor(core),
    clock,
    logger,
  });
  return { policy, updater };
}
