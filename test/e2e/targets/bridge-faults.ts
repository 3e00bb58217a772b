// Faults the harness target can put on the page's bridge, one call at a time, so specs can
// watch the page survive what a broken or stuck main process would do to it. They act in
// the test process, on the way between the page's binding and the real IPC handlers: the
// app itself ships nothing for them.
import type { InvokeChannel } from '../../../preload/api';

export type BridgeFault =
  /** The call never answers, like a main process stuck in a loop. */
  | { kind: 'hang' }
  /** The call rejects in the page, as a broken transport would. */
  | { kind: 'throw' }
  /** The real handler runs; the page gets `replace(result)` instead of its answer. */
  | { kind: 'answer'; replace: (result: unknown) => unknown };

export class BridgeFaults {
  private readonly queued = new Map<InvokeChannel, BridgeFault[]>();

  /** The next call on `channel` meets `fault`; queued faults are met in order, once each. */
  next(channel: InvokeChannel, fault: BridgeFault): void {
    const list = this.queued.get(channel) ?? [];
    list.push(fault);
    this.queued.set(channel, list);
  }

  /** Runs `call` through the next fault queued for `channel`, if any. */
  apply(channel: InvokeChannel, call: () => Promise<unknown>): Promise<unknown> {
    const fault = this.queued.get(channel)?.shift();
    if (!fault) return call();
    switch (fault.kind) {
      case 'hang':
        return new Promise<never>(() => undefined);
      case 'throw':
        return Promise.reject(new Error(`fault injected on ${channel}`));
      case 'answer':
        return call().then(fault.replace);
    }
  }
}
