// The relay's limits over rate-limiter-flexible's memory store. The store reads Date.now, so
// only Date is faked: windows end when the test says, not when the wall clock does.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRateLimits } from '../../../relay/config';
import { createLimits } from '../../../relay/limits';

const START = Date.UTC(2030, 0, 1);
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

function limitsWith(limit: number, windowSeconds: number, maxKeys = 1000) {
  const rule = { limit, windowSeconds };
  return createLimits({ rateLimits: { ...defaultRateLimits(), perIp: rule }, limitTableMaxKeys: maxKeys });
}

describe('relay limits (memory)', () => {
  it('allows the limit in one window, then says how long until the window ends', async () => {
    const { ip } = limitsWith(3, 60);
    for (let i = 0; i < 3; i += 1) expect(await ip.consume('203.0.113.1')).toBeUndefined();
    expect(await ip.consume('203.0.113.1')).toEqual({ kind: 'limited', limit: 'ip', retryAfterSeconds: 60 });
    vi.setSystemTime(START + 45_000);
    expect(await ip.consume('203.0.113.1')).toEqual({ kind: 'limited', limit: 'ip', retryAfterSeconds: 15 });
    vi.setSystemTime(START + 60_001);
    expect(await ip.consume('203.0.113.1')).toBeUndefined();
  });

  it('keeps keys apart, and check() spends nothing', async () => {
    const { ip } = limitsWith(1, 60);
    expect(await ip.check('a')).toBeUndefined();
    expect(await ip.check('a')).toBeUndefined();
    expect(await ip.consume('a')).toBeUndefined();
    expect(await ip.check('a')).toMatchObject({ kind: 'limited' });
    expect(await ip.consume('b')).toBeUndefined();
  });

  it('refuses a new key when the table is full instead of forgetting a counted one', async () => {
    const { ip } = limitsWith(2, 60, 2);
    expect(await ip.consume('target')).toBeUndefined();
    expect(await ip.consume('target')).toBeUndefined();
    vi.setSystemTime(START + 10_000);
    expect(await ip.consume('flood-1')).toBeUndefined();
    // Full: a flood of new keys is refused with the time until the oldest window ends ...
    expect(await ip.consume('flood-2')).toEqual({ kind: 'table_full', limit: 'ip', retryAfterSeconds: 50 });
    expect(await ip.consume('flood-3')).toMatchObject({ kind: 'table_full' });
    // ... and the target's count survived it.
    expect(await ip.consume('target')).toMatchObject({ kind: 'limited' });
    vi.setSystemTime(START + 60_001);
    expect(await ip.consume('flood-2')).toBeUndefined();
  });
});
