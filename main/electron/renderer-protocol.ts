// Serves the built renderer from app://renderer, a privileged custom scheme, instead of
// file:// (which would give the page the whole disk as its origin). Every response carries
// a strict Content-Security-Policy: no inline script, no remote origin of any kind.
// Rule: only files inside the renderer folder are ever served; Electron types only.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';

export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'renderer';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
export const RENDERER_ENTRY_URL = `${RENDERER_ORIGIN}/index.html`;

/**
 * 'self' is app://renderer only. The page talks to main over IPC, never over the network,
 * so connect-src has nothing remote; styles come from the built CSS file.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Must be registered before `ready`. standard: real origin and relative URLs; secure:
 * counts as a secure context; supportFetchAPI: module scripts load through fetch.
 */
export const PRIVILEGED_SCHEMES: CustomScheme[] = [
  { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
];

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function refuse(status: number): Response {
  return new Response(null, { status, headers: SECURITY_HEADERS });
}

/**
 * Maps a request URL to a file inside rootDir, or null. The URL parser already folds
 * `..` segments, so the check that matters is after percent-decoding (`%2e%2e%2f`,
 * `%5c` on Windows): the resolved path must stay inside the root.
 */
export function resolveRendererPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${RENDERER_SCHEME}:` || url.host !== RENDERER_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const filePath = resolve(root, relativePath);
  const inside = relative(root, filePath);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return filePath;
}

export type RendererProtocolHandler = (request: Request) => Promise<Response>;

/** The handler for protocol.handle(RENDERER_SCHEME, …). */
export function createRendererProtocolHandler(rootDir: string): RendererProtocolHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const filePath = resolveRendererPath(rootDir, request.url);
    if (filePath === null) return refuse(404);
    try {
      const info = await stat(filePath);
      if (!info.isFile()) return refuse(404);
      const body = request.method === 'HEAD' ? null : await readFile(filePath);
      return new Response(body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(filePath), 'Content-Length': String(info.size) },
      });
    } catch {
      return refuse(404);
    }
  };
}
