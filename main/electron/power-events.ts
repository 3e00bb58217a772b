// Sleep and resume: a laptop opened a week later must show the truth at once, not when a
// refresh timer that slept with the machine happens to fire. On resume the session is
// checked with Stytch now (which re-arms the timers or signs out with a notice) and the
// network's proxy answers are forgotten, since the machine may be on another network.
// Rule: wiring only; the core decides what a confirmation means.
import type { PowerMonitor } from 'electron';
import type { Logger } from '../../common/ports';
import type { Expect } from './type-checks';

/** The part of Electron's powerMonitor this uses. */
export interface PowerMonitorLike {
  on(event: 'resume', listener: () => void): unknown;
  off(event: 'resume', listener: () => void): unknown;
}
export type _PowerMonitorFits = Expect<PowerMonitor extends PowerMonitorLike ? true : false>;

export interface ResumeTargets {
  checkSession: () => Promise<unknown>;
  networkChanged: () => void;
  logger: Logger;
}

/** Returns the disposer. */
export function watchResume(power: PowerMonitorLike, targets: ResumeTargets): () => void {
  const resumed = (): void => {
    targets.logger.info('the system resumed: checking the session now');
    targets.networkChanged();
    targets.checkSession().catch((error: unknown) => targets.logger.error('session check after resume failed', { error: String(error) }));
  };
  power.on('resume', resumed);
  return () => power.off('resume', resumed);
}
