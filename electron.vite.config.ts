// Build for the three Electron processes. Entries point at the top-level folders; the
// preload is CommonJS because a sandboxed renderer cannot load an ESM preload.
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The dev server injects an inline React-refresh preamble that the page's CSP meta would
 * block, so the meta is dropped while serving only. Production keeps it, behind the CSP
 * header the app:// protocol sends.
 */
function devServerWithoutCspMeta(): Plugin {
  return {
    name: 'promptgrimoire:dev-without-csp-meta',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  };
}

export default defineConfig({
  main: {
    // Bundled: what the start-up chunk needs before the first view (zod, electron-store with
    // conf and ajv, electron-log, jose for the stored JWT's local check). One pre-linked
    // chunk loads faster than many package files
    // (cold-start bench: first view 0.79× the floor, against 1.02× with them external), and
    // app.asar no longer ships their sources, builds and locales. The Stytch SDK and undici
    // stay external: they load on the first network call, after the first view.
    plugins: [externalizeDepsPlugin({ exclude: ['zod', 'electron-store', 'electron-log', 'jose'] })],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('main/index.ts') } },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin({ exclude: ['zod'] })],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react(), devServerWithoutCspMeta()],
    base: './',
    build: {
      outDir: resolve('out/renderer'),
      sourcemap: false,
      // electron-vite leaves minification off by default; the page loads faster minified.
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
