// A device link leaves the clipboard when it expires, if the clipboard still holds it; what
// the person copied since is left alone. Time moves only when the test moves it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSecretClipboard } from '../../../main/account/secret-clipboard';
import { useFakeTime } from '../../fixtures/fake-time';
import { createMemoryClipboard } from '../../fixtures/memory-clipboard';
import { recordingLogger } from '../electron/stand-ins';

const LINK = 'promptgrimoire://auth/callback?stytch_token_type=magic_links&token=abc';
const TEN_MINUTES = 10 * 60_000;

function setUp() {
  const time = useFakeTime(Date.parse('2030-01-01T00:00:00Z'));
  const clock = time;
  const clipboard = createMemoryClipboard();
  const { logger, lines } = recordingLogger();
  const secret = createSecretClipboard({ clipboard, clock, logger });
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { clock, time, clipboard, lines, secret, settle };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('secret clipboard', () => {
  it('writes the link marked as secret and clears it the moment it expires', async () => {
    const { clock, time, clipboard, secret, settle, lines } = setUp();
    await secret.copy(LINK, clock.now() + TEN_MINUTES);
    expect(clipboard).toMatchObject({ text: LINK, concealed: true });
    time.advance(TEN_MINUTES - 1);
    await settle();
    expect(clipboard.text).toBe(LINK);
    time.advance(1);
    await settle();
    expect(clipboard.text).toBe('');
    expect(lines.join('\n')).toContain('cleared a link that has expired');
    expect(lines.join('\n')).not.toContain('token=abc');
  });

  it('leaves alone whatever the person copied after the link', async () => {
    const { clock, time, clipboard, secret, settle } = setUp();
    await secret.copy(LINK, clock.now() + TEN_MINUTES);
    await clipboard.writeText('a recipe the person copied');
    time.advance(TEN_MINUTES);
    await settle();
    expect(clipboard.text).toBe('a recipe the person copied');
  });

  it('a newer link replaces the older one and is cleared at its own expiry', async () => {
    const { clock, time, clipboard, secret, settle } = setUp();
    await secret.copy(LINK, clock.now() + TEN_MINUTES);
    time.advance(5 * 60_000);
    await secret.copy(`${LINK}2`, clock.now() + TEN_MINUTES);
    expect(time.pending()).toBe(1);
    time.advance(5 * 60_000);
    await settle();
    expect(clipboard.text).toBe(`${LINK}2`);
    time.advance(5 * 60_000);
    await settle();
    expect(clipboard.text).toBe('');
  });

  it('a refused write is handed back and schedules nothing', async () => {
    const { clock, time, clipboard, secret } = setUp();
    clipboard.refuseNext();
    await expect(secret.copy(LINK, clock.now() + TEN_MINUTES)).rejects.toThrow('refused');
    expect(time.pending()).toBe(0);
  });
});
