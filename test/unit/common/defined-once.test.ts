// The Stytch constants and the client construction live in common/ once: no program keeps a
// copy that could drift (the relay once asked for another callback spelling than the app).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PROGRAMS = ['main', 'preload', 'renderer', 'relay', 'emulator', 'common'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Program files (tests and scripts excluded) whose code matches `pattern`, comments left out. */
function filesMatching(pattern: RegExp): string[] {
  return PROGRAMS.flatMap(sourceFiles)
    .filter((file) => {
      const code = readFileSync(join(root, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      return pattern.test(code);
    })
    .map((file) => relative(root, join(root, file)).split('\\').join('/'));
}

describe('Stytch constants are defined once, in common/stytch', () => {
  it.each([
    ['the callback URL', /:\/\/auth\/callback/],
    ['the loopback host list', /['"`]\[::1\]['"`]/],
    ["Stytch's session-length bound", /\b527_?040\b/],
    ['the 90-day cap', /\b129_?600\b|90 \* 24 \* 60/],
    ['the sign-up policy alias', /['"`]login-or-create['"`]/],
  ])('%s', (_what, pattern) => {
    expect(filesMatching(pattern)).toEqual(['common/stytch/constants.ts']);
  });

  it('one factory builds every Stytch SDK client, and only it quiets the SDK warning', () => {
    expect(filesMatching(/new Client\(/)).toEqual(['common/stytch/client.ts']);
    expect(filesMatching(/console\.warn\s*=/)).toEqual(['common/stytch/client.ts']);
  });
});
