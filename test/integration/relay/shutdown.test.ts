// Graceful shutdown (what SIGTERM runs): stop accepting at once, let requests in flight
// finish, and cut off only what outlives the grace period.
import { afterEach, describe, expect, it } from 'vitest';
import { startRelayRig, type RelayRig } from './harness';

let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.emulator.close();
  rig = undefined;
});

const SLOW_PATH = '/v1/magic_links/email/login_or_create';

/** Wrapped, so awaiting the set-up does not await the answer too. */
async function slowSendInFlight(r: RelayRig, delayMs: number): Promise<{ answer: Promise<Response> }> {
  r.emulator.injectFault({ path: SLOW_PATH, delay_ms: delayMs });
  const pending = fetch(`${r.relay.url}/v1/magic-links/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'late@example.com', code_challenge: 'c'.repeat(43) }),
  });
  // In flight once Stytch has been asked.
  while (r.emulator.requestCount(SLOW_PATH) === 0) await new Promise((done) => setImmediate(done));
  return { answer: pending };
}

describe('relay: graceful shutdown', () => {
  it('finishes a request in flight, and accepts no new one meanwhile', async () => {
    rig = await startRelayRig();
    const inFlight = await slowSendInFlight(rig, 1000);
    const closed = rig.relay.close();
    await expect(fetch(`${rig.relay.url}/healthz`)).rejects.toThrow();
    const answer = await inFlight.answer;
    expect(answer.status).toBe(200);
    await closed;
    expect(rig.emulator.outbox('late@example.com')).toHaveLength(1);
  });

  it('cuts off what is still running when the grace period is over', async () => {
    rig = await startRelayRig({ shutdownGraceMs: 100 });
    const inFlight = await slowSendInFlight(rig, 5000);
    const outcome = inFlight.answer.then(
      () => 'answered',
      () => 'cut off',
    );
    await rig.relay.close();
    expect(await outcome).toBe('cut off');
    expect(rig.lines.some((line) => line.includes('shutdown grace period over'))).toBe(true);
  });
});
