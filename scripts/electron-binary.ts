// Where the Electron executable is, found without side effects. The electron package
// downloads its binary lazily, from its own index.js: requiring 'electron' (or running
// `npx electron`) on a machine without GitHub access tries that download and throws.
// Rule: this module never imports or requires 'electron'; it only reads files the
// package's installer leaves behind (package.json, path.txt, dist/).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinaryStatus = { present: true; path: string } | { present: false; reason: string };

export interface ElectronBinaryOptions {
  /** Defaults to process.env; ELECTRON_EXEC_PATH and ELECTRON_OVERRIDE_DIST_PATH are read from it. */
  env?: Record<string, string | undefined>;
  /** The electron package folder; defaults to the one Node resolves from this project. */
  packageDir?: string;
  platform?: NodeJS.Platform;
}

/** One place that says how to get the binary, so every skip and error message agrees. */
export const HOW_TO_GET_ELECTRON =
  'on a machine with internet access, after `npm install`, the first `npm start` (or `npx electron --version`) ' +
  'downloads it once; or set ELECTRON_OVERRIDE_DIST_PATH (a folder holding the executable) or ELECTRON_EXEC_PATH ' +
  '(the executable itself) to an existing Electron install of the pinned version';

/** The executable's path inside dist/ when path.txt is missing (what electron's installer would write). */
function defaultExecutableName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function locatePackageDir(): string | null {
  try {
    // Resolving package.json only reads the manifest; it never runs the package's index.js.
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function readPathTxt(packageDir: string): string | null {
  const file = join(packageDir, 'path.txt');
  if (!existsSync(file)) return null;
  const contents = readFileSync(file, 'utf8').trim();
  return contents === '' ? null : contents;
}

export function electronBinaryStatus(options: ElectronBinaryOptions = {}): ElectronBinaryStatus {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;

  const execPath = env.ELECTRON_EXEC_PATH;
  if (execPath) {
    return existsSync(execPath)
      ? { present: true, path: execPath }
      : { present: false, reason: `ELECTRON_EXEC_PATH points at ${execPath}, which does not exist` };
  }

  const packageDir = options.packageDir ?? locatePackageDir();
  const pathTxt = packageDir === null ? null : readPathTxt(packageDir);

  const overrideDist = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (overrideDist) {
    // Same rule as the electron package itself: the override folder plus path.txt's entry.
    const candidate = join(overrideDist, pathTxt ?? defaultExecutableName(platform));
    return existsSync(candidate)
      ? { present: true, path: candidate }
      : { present: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }

  if (packageDir === null) {
    return { present: false, reason: 'the electron package is not installed (run `npm install`)' };
  }
  if (pathTxt === null) {
    return { present: false, reason: 'its download has not run: node_modules/electron/path.txt is missing' };
  }
  const candidate = join(packageDir, 'dist', pathTxt);
  return existsSync(candidate)
    ? { present: true, path: candidate }
    : { present: false, reason: `node_modules/electron/dist/${pathTxt} is missing` };
}

/** One sentence for people: why there is no Electron here and how to get it. */
export function describeMissingElectron(status: { reason: string }): string {
  return `Electron binary not installed (${status.reason}). To get it: ${HOW_TO_GET_ELECTRON}.`;
}
