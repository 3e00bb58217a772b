// Deadlines on the page's calls: getView gives up after a few seconds, calls that may reach
// Stytch only after main's own Stytch timeout (from the view) plus a margin. Timers are
// injected and fired by hand, so nothing here waits on the wall clock.
import { describe, expect, it } from 'vitest';
import type { AuthView, GrimoireApi, IpcResult } from '../../../preload/api';
import {
  CALL_TIMED_OUT,
  deadlineFor,
  FIRST_VIEW_TIMEOUT_MS,
  STYTCH_MARGIN_MS,
  TIMED_OUT_CODE,
  VIEW_TIMED_OUT,
  withDeadlines,
  type DeadlineTimers,
} from '../../../renderer/deadlines';
import { errorReportOf } from '../../../renderer/error-report';
import { signedOutView } from '../../fixtures/auth-views';

/** Timers that fire only when the test says how much time has passed. */
function manualTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  let next = 0;
  const timers: DeadlineTimers = {
    set: (run, ms) => {
      next += 1;
      pending.set(next, { at: now + ms, run });
      return next;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...pending]) {
      if (timer.at <= now) {
        pending.delete(id);
        timer.run();
      }
    }
  };
  return { timers, advance, pending: () => pending.size };
}

/** A bridge whose calls answer only when the test resolves them. */
function heldBridge() {
  const answers: Array<(result: IpcResult<unknown>) => void> = [];
  const hold = () => new Promise<IpcResult<unknown>>((resolve) => answers.push(resolve));
  const listeners: Array<(view: AuthView) => void> = [];
  const onViewChanged = (listener: (view: AuthView) => void) => {
    listeners.push(listener);
    return () => undefined;
  };
  const api = { getView: hold, sendLink: hold, copyDiagnostics: hold, onViewChanged } as unknown as GrimoireApi;
  return { api, answers, push: (view: AuthView) => listeners.forEach((listener) => listener(view)) };
}

async function settled<T>(promise: Promise<T>): Promise<{ value: T } | 'pending'> {
  let out: { value: T } | 'pending' = 'pending';
  void promise.then((value) => (out = { value }));
  await new Promise((resolve) => setImmediate(resolve));
  return out;
}

describe('withDeadlines', () => {
  it('times out a silent getView after a few seconds, with a message that offers to try again', async () => {
    const clock = manualTimers();
    const { api } = heldBridge();
    const call = withDeadlines(api, () => null, clock.timers).getView();
    clock.advance(FIRST_VIEW_TIMEOUT_MS - 1);
    expect(await settled(call)).toBe('pending');
    clock.advance(1);
    expect(await settled(call)).toEqual({ value: { ok: false, code: TIMED_OUT_CODE, message: VIEW_TIMED_OUT } });
    expect(VIEW_TIMED_OUT).toMatch(/try again/i);
  });

  it('waits for a Stytch call as long as main does, plus the margin, reading the newest view', async () => {
    const clock = manualTimers();
    const { api } = heldBridge();
    let view: AuthView = signedOutView();
    const bridge = withDeadlines(api, () => view, clock.timers);
    view = signedOutView({ features: { signUpPolicy: 'open', invitesEnabled: false, stytchTimeoutMs: 2000 } });
    const call = bridge.sendLink({ email: 'a@example.com' });
    clock.advance(2000 + STYTCH_MARGIN_MS - 1);
    expect(await settled(call)).toBe('pending');
    clock.advance(1);
    expect(await settled(call)).toEqual({ value: { ok: false, code: TIMED_OUT_CODE, message: CALL_TIMED_OUT } });
  });

  it('passes a timely answer through and clears its timer', async () => {
    const clock = manualTimers();
    const { api, answers } = heldBridge();
    const call = withDeadlines(api, () => signedOutView(), clock.timers).sendLink({ email: 'a@example.com' });
    answers[0]?.({ ok: true, value: 'sent' });
    expect(await settled(call)).toEqual({ value: { ok: true, value: 'sent' } });
    expect(clock.pending()).toBe(0);
  });

  it('sets no deadline on a Stytch call before any view tells the timeout', () => {
    const clock = manualTimers();
    const { api } = heldBridge();
    void withDeadlines(api, () => null, clock.timers).copyDiagnostics();
    expect(clock.pending()).toBe(0);
  });

  it('leaves subscriptions alone', () => {
    const bridge = heldBridge();
    const pushes: AuthView[] = [];
    withDeadlines(bridge.api, () => null).onViewChanged((view) => pushes.push(view));
    bridge.push(signedOutView());
    expect(pushes).toEqual([signedOutView()]);
  });

  it('leaves every subscription of the contract alone, the update and menu pushes too', () => {
    const unsubscribe = () => undefined;
    const api = { onUpdateChanged: () => unsubscribe, onShowDiagnostics: () => unsubscribe } as unknown as GrimoireApi;
    const wrapped = withDeadlines(api, () => null);
    expect(wrapped.onUpdateChanged(() => undefined)).toBe(unsubscribe);
    expect(wrapped.onShowDiagnostics(() => undefined)).toBe(unsubscribe);
  });
});

describe('errorReportOf', () => {
  it('keeps an error’s name, message and stack, cut to the contract’s limits', () => {
    const error = new TypeError('x'.repeat(5000));
    const report = errorReportOf(error);
    expect(report.message.startsWith('TypeError: xxx')).toBe(true);
    expect([...report.message]).toHaveLength(1000);
    expect(report.stack.length).toBeLessThanOrEqual(8000);
  });

  it('says only what kind of value a non-error throw was', () => {
    expect(errorReportOf({ email: 'ana@example.com' })).toEqual({ message: 'A non-error value was thrown (object)', stack: '' });
  });
});

describe('deadlineFor', () => {
  it('sets no deadline, and does not throw, on a malformed view', () => {
    const broken = { ...signedOutView(), features: null } as unknown as AuthView;
    expect(deadlineFor('sendLink', broken)).toBeNull();
    expect(deadlineFor('getView', broken)).toBe(FIRST_VIEW_TIMEOUT_MS);
  });
});
