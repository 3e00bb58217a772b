// Injected faults, consumed in order of injection: each matching request takes one use from
// the oldest fault for its path until its count runs out.
import type { FaultSpec } from './types';

interface ActiveFault extends FaultSpec {
  remaining: number;
}

export class Faults {
  private active: ActiveFault[] = [];

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

  list(): FaultSpec[] {
    return this.active.map(({ remaining, ...spec }) => ({ ...spec, count: remaining }));
  }

  clear(): void {
    this.active = [];
  }
}
