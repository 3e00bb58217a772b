// The built-in error page: static, script-free, its style allowed by hash, the failure text
// escaped, and only failures of the app's own page in the main frame earn it.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isOwnPageFailure, LOAD_ERROR_PAGE_CSP, loadErrorPageHtml, loadErrorPageUrl } from '../../../main/recovery/load-error-page';

describe('loadErrorPageHtml', () => {
  const html = loadErrorPageHtml({ code: -6, description: '<img src=x onerror=alert(1)>' }, 'app://renderer/index.html');

  it('has no script, and its CSP allows its one style block by hash and nothing else', () => {
    expect(html).not.toMatch(/<script|<[^>]+\son\w+=/i);
    const style = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(LOAD_ERROR_PAGE_CSP).toBe(`default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`);
    expect(html).toContain(`content="${LOAD_ERROR_PAGE_CSP}"`);
  });

  it('escapes the failure text and links Try again to the app’s page', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; (-6)');
    expect(html).toContain('<a href="app://renderer/index.html">Try again</a>');
  });

  it('travels as a base64 data: URL', () => {
    const url = loadErrorPageUrl({ code: -6, description: 'ERR_FILE_NOT_FOUND' }, 'app://renderer/index.html');
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url.split(',')[1] ?? '', 'base64').toString('utf8')).toContain('ERR_FILE_NOT_FOUND (-6)');
  });
});

describe('isOwnPageFailure', () => {
  const origins = ['app://renderer', 'http://localhost:5173'];
  it.each([
    [-6, 'app://renderer/index.html', true, true],
    [-6, 'app://renderer', true, true],
    [-102, 'http://localhost:5173/', true, true],
    [-3, 'app://renderer/index.html', true, false],
    [-6, 'app://renderer/index.html', false, false],
    [-6, 'app://renderer.evil/index.html', true, false],
    [-6, 'https://promptgrimoire.com/', true, false],
    [-6, 'data:text/html,x', true, false],
  ])('code %i at %s (main frame %s): %s', (code, url, mainFrame, expected) => {
    expect(isOwnPageFailure(code, url, mainFrame, origins)).toBe(expected);
  });
});
