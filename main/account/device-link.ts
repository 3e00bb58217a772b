// The link that signs this account in on another computer, and the masked preview the page
// may show. The full link carries a token that works for whoever holds it, so it is built
// here, kept in memory by the account service and only ever written to the clipboard.
// Rule: nothing here may import electron; the unmasked link never goes into a view or log.

/** How long a device link works: long enough to carry it over, short enough to be harmless. */
export const DEVICE_LINK_MINUTES = 10;

/** Token characters left readable, so a person can tell two links apart. */
const VISIBLE_TOKEN_CHARS = 4;

/** The same shape as the deep link an emailed link redirects to, so both paths accept it. */
export function deviceLinkFor(callbackUrl: string, token: string): string {
  return `${callbackUrl}?stytch_token_type=magic_links&token=${encodeURIComponent(token)}`;
}

export function maskedDeviceLinkFor(callbackUrl: string, token: string): string {
  const hidden = '•'.repeat(Math.max(0, token.length - VISIBLE_TOKEN_CHARS));
  return `${callbackUrl}?stytch_token_type=magic_links&token=${encodeURIComponent(token.slice(0, VISIBLE_TOKEN_CHARS))}${hidden}`;
}
