// A second floor for the renderer benchmark: React 19 alone, rendering nothing but the
// labelled "Email" input, bundled and minified like the app. The static floor shows what the
// browser costs; this one shows what React's own start-up (fetch, parse, evaluate react-dom,
// first render) adds on this machine before any of the app's code runs.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const ENTRY = `
import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')).render(
  <>
    <label htmlFor="email">Email</label>
    <input id="email" type="email" />
  </>,
);
`;

const PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>react floor</title>' +
  '<script type="module" src="./react-floor.js"></script></head><body><div id="root"></div></body></html>';

/** Writes index.html and its bundle into `dir`, resolving React from the project at `root`. */
export async function writeReactFloorPage(dir: string, root: string): Promise<void> {
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'tsx', sourcefile: 'react-floor.tsx' },
    bundle: true,
    minify: true,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: join(dir, 'react-floor.js'),
    logLevel: 'warning',
  });
  await writeFile(join(dir, 'index.html'), PAGE);
}
