import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRendererProtocolHandler,
  PRIVILEGED_SCHEMES,
  RENDERER_CSP,
  RENDERER_ORIGIN,
  resolveRendererPath,
} from '../../../main/electron/renderer-protocol';

let base: string;
let root: string;
let handler: ReturnType<typeof createRendererProtocolHandler>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'renderer-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/index.js"></script>');
  await writeFile(join(root, 'assets', 'index.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'index.css'), 'body{}');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(base, 'secret.txt'), 'outside the renderer');
  handler = createRendererProtocolHandler(root);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app://renderer', () => {
  it('is registered as a standard, secure scheme', () => {
    expect(PRIVILEGED_SCHEMES).toHaveLength(1);
    expect(PRIVILEGED_SCHEMES[0]?.scheme).toBe('app');
    expect(PRIVILEGED_SCHEMES[0]?.privileges).toMatchObject({ standard: true, secure: true });
    expect(RENDERER_ORIGIN).toBe('app://renderer');
  });

  it('serves the built files with their MIME types and the CSP header', async () => {
    const cases: Array<[string, string]> = [
      ['app://renderer/', 'text/html'],
      ['app://renderer/index.html', 'text/html'],
      ['app://renderer/assets/index.js', 'text/javascript'],
      ['app://renderer/assets/index.css', 'text/css'],
      ['app://renderer/assets/logo.svg', 'image/svg+xml'],
    ];
    for (const [url, mime] of cases) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toContain(mime);
      expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await (await get('app://renderer/assets/index.js')).text()).toBe('console.log(1)');
  });

  it('has a CSP with no inline script and no remote origin', () => {
    const directives = new Map(RENDERER_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('refuses path traversal in every spelling', async () => {
    const attempts = [
      'app://renderer/..%2fsecret.txt',
      'app://renderer/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://renderer/assets/..%2f..%2fsecret.txt',
      'app://renderer/%2e%2e%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/%00index.html',
      'app://renderer/%E0%A4%A',
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('outside the renderer');
    }
    expect(resolveRendererPath(root, 'app://renderer/..%2fsecret.txt')).toBeNull();
  });

  it('serves nothing for another host, a folder, a missing file or a write', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://renderer/assets')).status).toBe(404);
    expect((await get('app://renderer/nope.js')).status).toBe(404);
    expect((await get('app://renderer/index.html', 'POST')).status).toBe(405);
    const head = await get('app://renderer/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });
});
