// A device link leaves the clipboard when it expires, if the clipboard still holds it; what
// the person copied since is left alone. Time moves only when the test moves it.
import { describe, expect, it } from 'vitest';
import { createSecretClipboard } from '../../../main/account/secret-clipboard';
import { createManualClock } from '../../fixtures/manual-clock';
import { createMemoryClipboard } from '../../fixtures/memory-clipboard';
import { recordingLogger } from '../electron/stand-ins';
import { createManualScheduler } from '../session/manual-scheduler';

const LINK = 'promptgrimoire://auth/callback?stytch_token_type=magic_links&token=abc';
const TEN_MINUTES = 10 * 60_000;

function setUp() {
  const clock = createManualClock(Date.parse('2030-01-01T00:00:00Z'));
  const scheduler = createManualScheduler(clock);
  const clipboard = createMemoryClipboard();
  const { logger, lines } = recordingLogger();
  const secret = createSecretClipboard({ clipboard, scheduler, clock, logger });
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { clock, scheduler, clipboard, lines, secret, settle };
}

describe('secret clipboard', () => {
  it('writes the link marked as secret and clears it the moment it expires', async () => {
    const { clock, scheduler, clipboard, secret, settle, lines } = setUp();
    await secret.copy(LINK, clock.now() + TEN_MINUTES);
    expect(clipboard).toMatchObject({ text: LINK, concealed: true });
    scheduler.advance(TEN_MINUTES - 1);
    await settle();
    expect(clipboard.text).toBe(LINK);
    scheduler.advance(1);
    await settle();
    expect(clipboard.text).toBe('');
    expect(lines.join('\n')).toContain('cleared a link that has expired');
    expect(lines.join('\n')).not.toContain('token=abc');
  });

  it('leaves alone whatever the person copied after the link', async () => {
    const { clock, scheduler, clipboard, secret, settle } = setUp();
    await secret.copy(LINK, clock.now() + TEN_MINUTES);
    await clipboard.writeText('a recipe the person copied');
    scheduler.advance(TEN_MINUTES);
    await settle();
    expect(clipboard.text).toBe('a recipe the person copied');
  });

  it('a newer link replaces the older one and is cleared at its own expiry', async () => {
    const { clock, scheduler, clipboard, secret, settle } = setUp();
    await secret.copy(LINK, clock.now() + TEN_MINUTES);
    scheduler.advance(5 * 60_000);
    await secret.copy(`${LINK}2`, clock.now() + TEN_MINUTES);
    expect(scheduler.pending()).toEqual([TEN_MINUTES]);
    scheduler.advance(5 * 60_000);
    await settle();
    expect(clipboard.text).toBe(`${LINK}2`);
    scheduler.advance(5 * 60_000);
    await settle();
    expect(clipboard.text).toBe('');
  });

  it('a refused write is handed back and schedules nothing', async () => {
    const { clock, scheduler, clipboard, secret } = setUp();
    clipboard.refuseNext();
    await expect(secret.copy(LINK, clock.now() + TEN_MINUTES)).rejects.toThrow('refused');
    expect(scheduler.pending()).toEqual([]);
  });
});
