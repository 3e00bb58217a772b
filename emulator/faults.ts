// Injected faults, consumed in order of injection: each matching request takes one use from
// the oldest fault for its path until its count runs out. A `hang` fault holds its requests
// unanswered until they are released (release(), clear(), or the emulator closing), so a
// test can watch what a client does while Stytch does not answer, for as long as it likes.
import type { FaultSpec } from './types';

interface ActiveFault extends FaultSpec {
  remaining: number;
}

/** Why a held request stopped waiting: go on with the rest of its fault, or give up (closing). */
export type HoldOutcome = 'released' | 'abandoned';

interface HeldRequest {
  path: string;
  wake: (outcome: HoldOutcome) => void;
}

export class Faults {
  private active: ActiveFault[] = [];
  private readonly held = new Set<HeldRequest>();

  inject(fault: FaultSpec): void {
    this.active.push({ ...fault, remaining: fault.count ?? 1 });
  }

  /** The fault this request must suffer, if any; it uses one of the fault's count. */
  take(path: string): FaultSpec | undefined {
    const index = this.active.findIndex((f) => f.path === path);
    if (index === -1) return undefined;
    const fault = this.active[index] as ActiveFault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.active.splice(index, 1);
    return fault;
  }

  /**
   * Holds a request of a `hang` fault; settles only when it is released, or abandoned (the
   * emulator closes, or `gone` aborts because the client hung up).
   */
  hold(path: string, gone?: AbortSignal): Promise<HoldOutcome> {
    return new Promise((resolve) => {
      const entry: HeldRequest = {
        path,
        wake: (outcome) => {
          if (!this.held.delete(entry)) return;
          gone?.removeEventListener('abort', onGone);
          resolve(outcome);
        },
      };
      const onGone = () => entry.wake('abandoned');
      this.held.add(entry);
      if (gone?.aborted) onGone();
      else gone?.addEventListener('abort', onGone, { once: true });
    });
  }

  /** How many requests are being held right now (for one path, or all). */
  heldCount(path?: string): number {
    let count = 0;
    for (const entry of this.held) if (path === undefined || entry.path === path) count += 1;
    return count;
  }

  /** Lets every held request go on; returns how many there were. */
  release(outcome: HoldOutcome = 'released'): number {
    const waiting = [...this.held];
    for (const entry of waiting) entry.wake(outcome);
    return waiting.length;
  }

  list(): FaultSpec[] {
    return this.active.map(({ remaining, ...spec }) => ({ ...spec, count: remaining }));
  }

  /** Removes every fault and releases what the hang faults hold. */
  clear(): void {
    this.active = [];
    this.release();
  }
}
