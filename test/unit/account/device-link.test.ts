import { describe, expect, it } from 'vitest';
import { deviceLinkFor, maskedDeviceLinkFor } from '../../../main/account/device-link';
import { parseCallbackUrl, parsePastedLink } from '../../../main/auth/deep-link';

const CALLBACK = 'promptgrimoire://auth/callback';
const TOKEN = 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=';

describe('device link', () => {
  it('is the callback deep link, which both the OS path and the paste box accept', () => {
    const link = deviceLinkFor(CALLBACK, TOKEN);
    expect(link).toBe(`${CALLBACK}?stytch_token_type=magic_links&token=${encodeURIComponent(TOKEN)}`);
    expect(parseCallbackUrl(link)).toEqual({ token: TOKEN });
    expect(parsePastedLink(link)).toMatchObject({ ok: true, token: TOKEN });
  });

  it('masks all but the first four token characters', () => {
    const masked = maskedDeviceLinkFor(CALLBACK, TOKEN);
    expect(masked).toBe(`${CALLBACK}?stytch_token_type=magic_links&token=DOYo${'•'.repeat(TOKEN.length - 4)}`);
    expect(masked).not.toContain(TOKEN.slice(4, 8));
    expect(maskedDeviceLinkFor(CALLBACK, 'abc')).toBe(`${CALLBACK}?stytch_token_type=magic_links&token=abc`);
  });
});
