// The first, light half of reading the organisation's settings: the file's text, read
// synchronously before `ready`, and the one setting start-up needs that early (whether the
// environment may move the user-data folder). Validation (zod) happens after the window
// exists, in packaged-config-file.ts; a file that fails it stops the app, so acting early on
// its allowEnvironmentOverrides can at most have moved where that refusal is logged.
// Rules: no electron import (main/index.ts passes app.isPackaged, app.getAppPath() and the
// file reader); results, not exceptions; no message repeats the file's contents.
import { join } from 'node:path';

/** The organisation's settings file, as the build writes it and the app reads it. */
export const PACKAGED_CONFIG_FILE = 'app-config.json';

export interface PackagedConfigSource {
  /** app.isPackaged: development runs take their settings from the environment only. */
  packaged: boolean;
  /** app.getAppPath(): the app.asar of an installed app. */
  appPath: string;
  /** fs.readFileSync(path, 'utf8') in the app (Electron reads inside the asar). */
  readFile: (path: string) => string;
}

export type PackagedConfigText =
  /** `text` and `path` are null together: a development run ships no settings file. */
  | { ok: true; text: null; path: null }
  | { ok: true; text: string; path: string }
  | { ok: false; path: string; errors: string[] };

export const REINSTALL = 'Reinstall PromptGrimoire, or ask whoever gave you the installer for a corrected one.';

/** Where electron-builder.yml's `files` puts the file the build wrote to out/app-config.json. */
export function packagedConfigPath(appPath: string): string {
  return join(appPath, 'out', PACKAGED_CONFIG_FILE);
}

export function readPackagedConfigText(source: PackagedConfigSource): PackagedConfigText {
  if (!source.packaged) return { ok: true, text: null, path: null };
  const path = packagedConfigPath(source.appPath);
  try {
    return { ok: true, text: source.readFile(path), path };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const problem =
      code === 'ENOENT'
        ? 'is missing; the installer was built without its settings'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${typeof code === 'string' ? code : 'unknown error'})`;
    return { ok: false, path, errors: [`The settings file ${path} ${problem}. ${REINSTALL}`] };
  }
}

/** allowEnvironmentOverrides, read without validating the rest: true only when it is exactly true. */
export function allowsEnvironmentOverrides(read: PackagedConfigText): boolean {
  if (!read.ok || read.text === null) return false;
  try {
    const json: unknown = JSON.parse(read.text.replace(/^\uFEFF/, ''));
    return typeof json === 'object' && json !== null && (json as Record<string, unknown>)['allowEnvironmentOverrides'] === true;
  } catch {
    return false;
  }
}
