// The page's first view: asked for before React renders, with pushes listened to from the
// same moment, so none is lost between the answer and the moment React starts listening.
import { describe, expect, it } from 'vitest';
import type { AuthView, GrimoireApi, IpcResult } from '../../../preload/api';
import { BRIDGE_MISSING, firstFailure, openViewFeed, renderWhenAnswered } from '../../../renderer/view-feed';
import { signedOutView } from '../../fixtures/auth-views';

/** A bridge whose getView answers when the test says, and whose pushes the test sends. */
function fakeBridge() {
  let answer: (result: IpcResult<AuthView>) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const pushListeners: ((view: AuthView) => void)[] = [];
  const getView = () =>
    new Promise<IpcResult<AuthView>>((resolve, reject) => {
      answer = resolve;
      fail = reject;
    });
  const onViewChanged = (listener: (view: AuthView) => void) => {
    pushListeners.push(listener);
    return () => undefined;
  };
  // The feed calls only these two; a call to anything else would throw and fail the test.
  const api = { getView, onViewChanged } as unknown as GrimoireApi;
  return {
    api,
    answer: (view: AuthView) => answer({ ok: true, value: view }),
    refuse: (message: string) => answer({ ok: false, code: 'stytch-unavailable', message }),
    crash: () => fail(new Error('bridge broke')),
    push: (view: AuthView) => pushListeners.forEach((listener) => listener(view)),
  };
}

describe('openViewFeed', () => {
  it('is ready with the first answer, and the first listener gets it at once', async () => {
    const bridge = fakeBridge();
    const feed = openViewFeed(bridge.api);
    const first = signedOutView();
    bridge.answer(first);
    await feed.ready;
    expect(feed.current()).toEqual({ view: first, failure: null });
    const heard: AuthView[] = [];
    feed.listen((view) => heard.push(view));
    expect(heard).toEqual([first]);
  });

  it('keeps a push that arrives before React listens, and passes on later ones in order', async () => {
    const bridge = fakeBridge();
    const feed = openViewFeed(bridge.api);
    bridge.answer(signedOutView({ status: 'restoring' }));
    await feed.ready;
    const restored = signedOutView({ status: 'signed-in', email: 'a@example.com' });
    bridge.push(restored);
    const heard: AuthView[] = [];
    const stop = feed.listen((view) => heard.push(view));
    const later = signedOutView({ status: 'signed-out', email: 'a@example.com' });
    bridge.push(later);
    stop();
    bridge.push(signedOutView({ status: 'sending' }));
    expect(heard).toEqual([restored, later]);
  });

  it('takes the answer over a push that came before it: IPC keeps order, the answer is newer', async () => {
    const bridge = fakeBridge();
    const feed = openViewFeed(bridge.api);
    bridge.push(signedOutView({ status: 'restoring' }));
    const answer = signedOutView({ status: 'signed-in', email: 'b@example.com' });
    bridge.answer(answer);
    await feed.ready;
    expect(feed.current().view).toBe(answer);
  });

  it('reports a refused first answer with its message', async () => {
    const bridge = fakeBridge();
    const feed = openViewFeed(bridge.api);
    bridge.refuse('The sign-in service is not ready.');
    await feed.ready;
    expect(feed.current()).toEqual({ view: null, failure: 'The sign-in service is not ready.' });
  });

  it('turns a rejected first call into a message instead of never becoming ready', async () => {
    const bridge = fakeBridge();
    const feed = openViewFeed(bridge.api);
    bridge.crash();
    await feed.ready;
    expect(feed.current().view).toBeNull();
    expect(feed.current().failure).toMatch(/something went wrong/i);
  });

  it('without a bridge is ready at once and says the service cannot be reached', async () => {
    const feed = openViewFeed(undefined);
    await feed.ready;
    expect(feed.current()).toEqual({ view: null, failure: BRIDGE_MISSING });
    const heard: AuthView[] = [];
    feed.listen((view) => heard.push(view));
    expect(heard).toEqual([]);
  });
});

/** Timers the test fires by hand, so "slow" needs no waiting. */
function manualTimers() {
  const due: (() => void)[] = [];
  let cleared = 0;
  return {
    timers: { set: (run: () => void) => due.push(run), clear: () => void (cleared += 1) },
    fire: () => due.splice(0).forEach((run) => run()),
    cleared: () => cleared,
  };
}

describe('the first render', () => {
  it('happens once main answers, and the slow-answer timer is cancelled', async () => {
    const bridge = fakeBridge();
    const feed = openViewFeed(bridge.api);
    const manual = manualTimers();
    let renders = 0;
    renderWhenAnswered(feed, () => (renders += 1), 400, manual.timers);
    expect(renders).toBe(0);
    bridge.answer(signedOutView());
    await feed.ready;
    await Promise.resolve();
    expect(renders).toBe(1);
    expect(manual.cleared()).toBe(1);
  });

  it('happens without the answer when main is slow, and not again when the answer comes', async () => {
    const bridge = fakeBridge();
    const feed = openViewFeed(bridge.api);
    const manual = manualTimers();
    let renders = 0;
    renderWhenAnswered(feed, () => (renders += 1), 400, manual.timers);
    manual.fire();
    expect(renders).toBe(1);
    bridge.answer(signedOutView());
    await feed.ready;
    await Promise.resolve();
    expect(renders).toBe(1);
  });

  it('a page rendered before a refused answer still learns why', async () => {
    const bridge = fakeBridge();
    const feed = openViewFeed(bridge.api);
    const failure = firstFailure(feed);
    bridge.refuse('The sign-in service is not ready.');
    await expect(failure).resolves.toBe('The sign-in service is not ready.');
  });

  it('a view answered means no failure to report', async () => {
    const bridge = fakeBridge();
    const feed = openViewFeed(bridge.api);
    const failure = firstFailure(feed);
    bridge.answer(signedOutView());
    await expect(failure).resolves.toBeNull();
  });
});
