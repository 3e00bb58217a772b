// `node --import ./hooks.mjs <main bundle>`: resolves 'electron' (from our code and from
// electron-log and electron-store alike) to the recording stand-in, and notes when each
// npm package is first resolved, so the bench can say what loaded before the window.
import { registerHooks } from 'node:module';

const standIn = new URL('./stand-in-electron.mjs', import.meta.url).href;
const seen = new Set();
globalThis.__coldStartPackages = [];

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, format: 'module', shortCircuit: true };
    if (!specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('node:') && !specifier.startsWith('file:')) {
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (!seen.has(name)) {
        seen.add(name);
        globalThis.__coldStartPackages.push({ name, at: performance.now() });
      }
    }
    return nextResolve(specifier, context);
  },
});
