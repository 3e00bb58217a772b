// The `hang` fault: Stytch that takes a request and does not answer. The rule under test: a
// held request gets no answer at all (however many other requests come and go) until a
// test releases it, and then it goes on as the rest of its fault says; a client that hangs
// up, or the emulator closing, ends the hold without leaving anything behind.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/index';
import { untilHeld } from '../../fixtures/held-requests';
import type { Client } from './harness';
import { basicAuth, call, start, uniqueEmail } from './harness';

const SEND = '/v1/magic_links/email/login_or_create';

let emulator: RunningEmulator;
let client: Client;

beforeAll(async () => ({ emulator, client } = await start()));
beforeEach(() => emulator.reset());
afterAll(async () => emulator.close());

/** A call whose outcome can be read without awaiting it. */
function watch<T>(promise: Promise<T>): { readonly state: 'pending' | 'resolved' | 'rejected'; done: Promise<unknown> } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  const done = promise.then(
    (value) => ((state = 'resolved'), value),
    (error: unknown) => ((state = 'rejected'), error),
  );
  return {
    get state() {
      return state;
    },
    done,
  };
}

const heldNow = (path: string, count: number) => untilHeld(emulator, path, count);

describe('hang fault', () => {
  it('holds a request unanswered while other requests are served, then serves it once released', async () => {
    emulator.injectFault({ path: SEND, hang: true });
    const held = watch(client.magicLinks.email.loginOrCreate({ email: 'held@example.com' }));
    await heldNow(SEND, 1);

    // A whole round trip after the held request arrived, it still has no answer.
    const other = await client.magicLinks.email.loginOrCreate({ email: uniqueEmail() });
    expect(other.status_code).toBe(200);
    expect(held.state).toBe('pending');
    expect(emulator.outbox('held@example.com')).toHaveLength(0);

    expect(emulator.releaseHeld()).toBe(1);
    await expect(held.done).resolves.toMatchObject({ status_code: 200 });
    expect(emulator.outbox('held@example.com')).toHaveLength(1);
    expect(emulator.heldRequests()).toBe(0);
  });

  it('holds every request its count covers, and clearing the faults lets them go on to the status asked', async () => {
    emulator.injectFault({ path: SEND, hang: true, status: 503, count: 2 });
    const first = watch(client.magicLinks.email.loginOrCreate({ email: uniqueEmail() }));
    const second = watch(client.magicLinks.email.loginOrCreate({ email: uniqueEmail() }));
    await heldNow(SEND, 2);
    expect([first.state, second.state]).toEqual(['pending', 'pending']);

    emulator.clearFaults();
    for (const call of [first, second]) await expect(call.done).resolves.toMatchObject({ status_code: 503 });
    expect(emulator.outbox()).toHaveLength(0);
  });

  it('forgets a request whose client hung up, and keeps serving', async () => {
    emulator.injectFault({ path: SEND, hang: true });
    const controller = new AbortController();
    const abandoned = watch(
      fetch(`${emulator.url}${SEND}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basicAuth(emulator) },
        body: JSON.stringify({ email: 'gone@example.com' }),
        signal: controller.signal,
      }),
    );
    await heldNow(SEND, 1);
    controller.abort();
    await abandoned.done;
    expect(abandoned.state).toBe('rejected');
    await heldNow(SEND, 0);
    expect(emulator.releaseHeld()).toBe(0);
    await expect(client.magicLinks.email.loginOrCreate({ email: uniqueEmail() })).resolves.toMatchObject({ status_code: 200 });
    expect(emulator.outbox('gone@example.com')).toHaveLength(0);
  });

  it('is injected, counted and released over HTTP', async () => {
    const bad = await call(emulator, 'POST', '/__emulator/faults', { path: SEND, hang: 'yes' }, false);
    expect(bad.status).toBe(400);
    expect((await call(emulator, 'POST', '/__emulator/faults', { path: SEND, hang: true, count: 5 }, false)).status).toBe(200);
    const held = watch(client.magicLinks.email.loginOrCreate({ email: uniqueEmail() }));
    await heldNow(SEND, 1);

    const listed = await call(emulator, 'GET', `/__emulator/faults?path=${encodeURIComponent(SEND)}`, undefined, false);
    expect(listed.json).toMatchObject({ faults: [{ path: SEND, hang: true, count: 4 }], held: 1 });
    expect((await call(emulator, 'GET', '/__emulator/faults?path=/v1/other', undefined, false)).json['held']).toBe(0);

    const released = await call(emulator, 'POST', '/__emulator/faults/release', undefined, false);
    expect(released.json['released']).toBe(1);
    await expect(held.done).resolves.toMatchObject({ status_code: 200 });
    // The fault stays until its count runs out or it is cleared.
    expect((await call(emulator, 'GET', '/__emulator/faults', undefined, false)).json['faults']).toEqual([{ path: SEND, hang: true, count: 4 }]);
  });
});

describe('an emulator closing with requests held', () => {
  it('closes at once and its held clients see the connection end', async () => {
    const own = await start();
    own.emulator.injectFault({ path: SEND, hang: true });
    const held = watch(own.client.magicLinks.email.loginOrCreate({ email: uniqueEmail() }));
    await untilHeld(own.emulator, SEND, 1);
    await own.emulator.close();
    await held.done;
    expect(held.state).toBe('rejected');
    expect(own.emulator.heldRequests()).toBe(0);
  });
});
