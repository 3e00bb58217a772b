// The page the window shows when the app's own page failed to load, instead of white. It is
// a data: URL built here, so it needs neither the renderer folder nor the app:// handler,
// either of which may be what failed. It carries its own CSP: no script at all, its one
// style block allowed by hash. Its "Try again" link names the app's page; the crash
// recovery adapter turns a click on it into a fresh load. Its colours are the app's own
// (7:1 text, the same focus ring), checked by axe in test/e2e/screens.spec.ts.
// Rule: nothing here may import electron; nothing here comes from the page or the network
// except Chromium's error text, which is escaped.
import { createHash } from 'node:crypto';

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f3f1f7; color: #1d1b26; }
main { max-width: 22rem; margin: 1.5rem; padding: 2rem; border-radius: 1rem; background: #fff; box-shadow: 0 8px 24px rgb(40 30 80 / 12%); }
h1 { font-size: 1.35rem; margin: 0 0 0.75rem; }
p { line-height: 1.5; color: #4d4a5c; }
code { font-size: 0.85rem; }
a { display: block; margin-top: 1.25rem; padding: 0.75rem; border-radius: 0.6rem; background: #4733b0; color: #fff; text-align: center; font-weight: 600; text-decoration: none; }
a:focus-visible { outline: 3px solid #4733b0; outline-offset: 2px; }
@media (prefers-color-scheme: dark) { body { background: #17151f; color: #eceaf4; } main { background: #221f2d; } p { color: #b9b5c9; } a:focus-visible { outline-color: #c4b8ff; } }
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
export const LOAD_ERROR_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export interface LoadFailure {
  /** Chromium's net error code, e.g. -6. */
  code: number;
  /** Chromium's name for it, e.g. ERR_FILE_NOT_FOUND. */
  description: string;
}

export function loadErrorPageHtml(failure: LoadFailure, retryUrl: string): string {
  const detail = escapeHtml(`${failure.description || 'unknown error'} (${failure.code})`.slice(0, 200));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${LOAD_ERROR_PAGE_CSP}">
<title>PromptGrimoire</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>PromptGrimoire could not open its window</h1>
<p>The app’s page did not load. Your sign-in is safe. Try again; if this keeps happening, reinstall PromptGrimoire or send its log to support.</p>
<p><code>${detail}</code></p>
<a href="${escapeHtml(retryUrl)}">Try again</a>
</main>
</body>
</html>`;
}

export function loadErrorPageUrl(failure: LoadFailure, retryUrl: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(loadErrorPageHtml(failure, retryUrl), 'utf8').toString('base64')}`;
}

/** Chromium's ERR_ABORTED: a load replaced by another (a reload, a new loadURL), not a failure. */
export const LOAD_ABORTED = -3;

/**
 * Only a failure of the app's own page, in the main frame, earns the error page. Compared as
 * text: for a custom scheme such as app:// the URL parser's origin is the opaque 'null'.
 */
export function isOwnPageFailure(code: number, url: string, isMainFrame: boolean, pageOrigins: readonly string[]): boolean {
  if (!isMainFrame || code === LOAD_ABORTED) return false;
  return pageOrigins.some((origin) => url === origin || url.startsWith(`${origin}/`));
}
