import { describe, expect, it } from 'vitest';
import { checkCallbackUrl, findCallbackUrlInArgv, parseCallbackUrl, parsePastedLink } from '../../../main/auth/deep-link';

const TOKEN = 'knknDMZgLKljjIYfZCS-f2yN7zR1YlgYSdPsFzK51lJG';
const PADDED = 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=';
const good = (token = TOKEN) => `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${token}`;

describe('parseCallbackUrl', () => {
  it('accepts the callback, with tolerated variations', () => {
    expect(parseCallbackUrl(good())).toEqual({ token: TOKEN });
    expect(parseCallbackUrl(`  ${good()}\n`)).toEqual({ token: TOKEN });
    expect(parseCallbackUrl(good().replace('promptgrimoire', 'PromptGrimoire'))).toEqual({ token: TOKEN });
    expect(parseCallbackUrl(good().replace('/callback?', '/callback/?'))).toEqual({ token: TOKEN });
    expect(parseCallbackUrl(good(PADDED))).toEqual({ token: PADDED });
    expect(parseCallbackUrl(good(PADDED.replace('=', '%3D')))).toEqual({ token: PADDED });
  });

  it.each([
    ['another scheme', good().replace('promptgrimoire', 'https')],
    ['another host', good().replace('//auth/', '//evil/')],
    ['another path', good().replace('/callback', '/other')],
    ['credentials', good().replace('//auth', '//user:pw@auth')],
    ['a port', good().replace('//auth', '//auth:80')],
    ['a fragment', `${good()}#token=${TOKEN}`],
    ['a token only in the fragment', `promptgrimoire://auth/callback?stytch_token_type=magic_links#token=${TOKEN}`],
    ['a duplicated token', `${good()}&token=${TOKEN}`],
    ['a wrong token type', good().replace('magic_links', 'oauth')],
    ['no token type', `promptgrimoire://auth/callback?token=${TOKEN}`],
    ['an extra parameter', `${good()}&next=https://evil.example`],
    ['a short token', good(TOKEN.slice(0, 20))],
    ['a token outside the alphabet', good(TOKEN.slice(0, 43) + '+')],
    ['an embedded space', good().replace('auth/', 'auth/ ')],
    ['nothing', ''],
    ['garbage', '::::'],
  ])('rejects %s', (_label, input) => {
    expect(parseCallbackUrl(input)).toBeNull();
  });
});

describe('checkCallbackUrl', () => {
  it('accepts the link Stytch redirects to, as parseCallbackUrl does', () => {
    expect(checkCallbackUrl(good())).toEqual({ ok: true, token: TOKEN });
    expect(checkCallbackUrl(` ${good(PADDED)} `)).toEqual({ ok: true, token: PADDED });
  });

  it.each([
    ['no token at all', 'promptgrimoire://auth/callback?stytch_token_type=magic_links', 'no-token'],
    ['an empty token', 'promptgrimoire://auth/callback?stytch_token_type=magic_links&token=', 'no-token'],
    ['no query', 'promptgrimoire://auth/callback', 'no-token'],
    ['a token only in the fragment', `promptgrimoire://auth/callback?stytch_token_type=magic_links#token=${TOKEN}`, 'altered'],
    ['a short token', good(TOKEN.slice(0, 20)), 'damaged-token'],
    ['a token outside the alphabet', good(TOKEN.slice(0, 43) + '+'), 'damaged-token'],
    ['a wrong token type', good().replace('magic_links', 'oauth'), 'damaged-token'],
    ['no token type', `promptgrimoire://auth/callback?token=${TOKEN}`, 'damaged-token'],
    ['a doubled token', `${good()}&token=${TOKEN}`, 'altered'],
    ['a doubled token type', `${good()}&stytch_token_type=magic_links`, 'altered'],
    ['an extra parameter', `${good()}&next=https://evil.example`, 'altered'],
    ['credentials', good().replace('//auth', '//user:pw@auth'), 'altered'],
    ['a port', good().replace('//auth', '//auth:80'), 'altered'],
    ['another host', good().replace('//auth/', '//evil/'), 'not-sign-in'],
    ['another path', good().replace('/callback', '/other'), 'not-sign-in'],
    ['the bare scheme', 'promptgrimoire://', 'not-sign-in'],
    ['an embedded space', good().replace('auth/', 'auth/ '), 'not-sign-in'],
    ['a link longer than any real one', `${good()}${'a'.repeat(5000)}`, 'not-sign-in'],
  ])('names what is wrong with %s', (_label, input, reason) => {
    expect(checkCallbackUrl(input)).toEqual({ ok: false, reason });
  });

  it.each([['https://example.com/?token=x'], ['file:///etc/passwd'], [''], ['::::']])('has nothing to say about %s, which is not our scheme', (input) => {
    expect(checkCallbackUrl(input)).toBeNull();
  });
});

describe('findCallbackUrlInArgv', () => {
  it('finds the URL among exe path, flags and quotes', () => {
    const argv = ['C:\\Program Files\\PromptGrimoire\\PromptGrimoire.exe', '--allow-file-access-from-files', '.', `"${good()}"`];
    expect(findCallbackUrlInArgv(argv)).toBe(good());
  });

  it('prefers a valid callback but reports an invalid one, and returns null without any', () => {
    expect(findCallbackUrlInArgv(['app', 'promptgrimoire://auth/other', good()])).toBe(good());
    expect(findCallbackUrlInArgv(['app', 'promptgrimoire://auth/other'])).toBe('promptgrimoire://auth/other');
    expect(findCallbackUrlInArgv(['/usr/bin/app', '--no-sandbox', 'https://example.com'])).toBeNull();
  });
});

describe('parsePastedLink', () => {
  const emailed = `https://test.stytch.com/v1/magic_links/redirect?public_token=public-token-test-1&stytch_token_type=magic_links&token=${TOKEN}`;

  it('accepts the emailed link, the emulator link and the app link', () => {
    expect(parsePastedLink(emailed)).toEqual({ ok: true, token: TOKEN });
    expect(parsePastedLink(`<${emailed.replace('https://test.stytch.com', 'http://127.0.0.1:4578')}>`)).toEqual({ ok: true, token: TOKEN });
    expect(parsePastedLink(` ${good()} `)).toEqual({ ok: true, token: TOKEN });
  });

  it('gives a reason a person can act on', () => {
    expect(parsePastedLink('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(parsePastedLink('hello')).toEqual({ ok: false, reason: 'not-a-sign-in-link' });
    expect(parsePastedLink('https://example.com/inbox')).toEqual({ ok: false, reason: 'not-a-sign-in-link' });
    expect(parsePastedLink(emailed.replace('https://test.stytch.com', 'http://stytch.example.com'))).toEqual({ ok: false, reason: 'not-a-sign-in-link' });
    expect(parsePastedLink(emailed.slice(0, -10))).toEqual({ ok: false, reason: 'malformed-token' });
    expect(parsePastedLink(`${emailed}&token=${TOKEN}`)).toEqual({ ok: false, reason: 'malformed-token' });
    expect(parsePastedLink(good(TOKEN.slice(0, 30)))).toEqual({ ok: false, reason: 'malformed-token' });
  });
});
