// Serves the dev inbox: one HTML page plus its stylesheet and script from the emulator itself,
// so the page needs no inline code and works under a strict CSP.
import type { Reply } from '../http-io';
import { INBOX_HTML } from './page';
import { INBOX_SCRIPT } from './script';
import { INBOX_STYLE } from './style';

const CSP = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'";

const ASSETS: Record<string, Reply> = {
  '/inbox': {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP },
    body: INBOX_HTML,
  },
  '/inbox/inbox.css': { status: 200, headers: { 'content-type': 'text/css; charset=utf-8' }, body: INBOX_STYLE },
  '/inbox/inbox.js': { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: INBOX_SCRIPT },
};

export function inboxReply(method: string, path: string): Reply | undefined {
  if (method !== 'GET') return undefined;
  if (path === '/') return { status: 302, headers: { location: '/inbox', 'content-type': 'text/plain' }, body: 'See /inbox' };
  return ASSETS[path === '/inbox/' ? '/inbox' : path];
}
