// Runs a dependency's command-line tool with this very Node, found through the package's own
// manifest. That works the same on every OS: no `npx`, and no Windows .cmd shims, which
// Node refuses to spawn without a shell.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The script behind `bin` in package `pkg` (the manifest's "bin", an object or a single path). */
export function packageBinPath(pkg: string, bin: string): string {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name?: string; bin?: string | Record<string, string> };
  // A single-path "bin" is named after the package (without its scope).
  const script =
    typeof manifest.bin === 'string'
      ? manifest.name?.split('/').pop() === bin
        ? manifest.bin
        : undefined
      : manifest.bin?.[bin];
  if (script === undefined) throw new Error(`${pkg} has no "${bin}" command`);
  return join(dirname(manifestPath), script);
}

/** Runs the tool in the foreground; throws, naming the command, when it fails. */
export function runBin(pkg: string, bin: string, args: string[]): void {
  const result = spawnSync(process.execPath, [packageBinPath(pkg, bin), ...args], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (exit ${String(result.status)})`);
}
