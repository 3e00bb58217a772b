// Reads the organisation's settings an installed app ships inside app.asar
// (<app.asar>/out/app-config.json), where asar integrity covers them on macOS and Windows.
// The build validated the file and enforced the secret policy, so a secret in it is
// accepted here, and a session length that has become too long is clamped with a warning;
// a missing, unreadable or invalid file is a broken installation, reported with messages
// that say what to do. Synchronous on purpose: the file decides, before `ready`, whether the
// environment may move the user-data folder.
// Rules: no electron import (main/index.ts passes app.isPackaged, app.getAppPath() and the
// file reader); results, not exceptions; no message repeats the file's contents, since it
// may hold a secret.
import { join } from 'node:path';
import { PACKAGED_CONFIG_FILE, parsePackagedConfig, type PackagedConfig } from '../packaged-config';

export interface PackagedConfigSource {
  /** app.isPackaged: development runs take their settings from the environment only. */
  packaged: boolean;
  /** app.getAppPath(): the app.asar of an installed app. */
  appPath: string;
  /** fs.readFileSync(path, 'utf8') in the app (Electron reads inside the asar). */
  readFile: (path: string) => string;
}

export type PackagedConfigFileResult =
  | { ok: true; config: PackagedConfig | undefined; path: string | null; warnings: string[] }
  | { ok: false; path: string; errors: string[] };

const REINSTALL = 'Reinstall PromptGrimoire, or ask whoever gave you the installer for a corrected one.';

/** Where electron-builder.yml's `files` puts the file the build wrote to out/app-config.json. */
export function packagedConfigPath(appPath: string): string {
  return join(appPath, 'out', PACKAGED_CONFIG_FILE);
}

export function readPackagedConfigFile(source: PackagedConfigSource): PackagedConfigFileResult {
  if (!source.packaged) return { ok: true, config: undefined, path: null, warnings: [] };
  const path = packagedConfigPath(source.appPath);

  let text: string;
  try {
    text = source.readFile(path);
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

  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // V8's message quotes the text around the fault, which could be the secret: keep only where.
    return { ok: false, path, errors: [`The settings file ${path} is not valid JSON${whereInText(error, text)}. ${REINSTALL}`] };
  }

  const parsed = parsePackagedConfig(json, { allowEmbeddedSecret: true, shipped: true });
  if (!parsed.ok) {
    return { ok: false, path, errors: [`The settings file ${path} has invalid settings:`, ...parsed.errors.map((e) => `  ${e}`), REINSTALL] };
  }
  return { ok: true, config: parsed.config, path, warnings: parsed.warnings };
}

/** " (line L, column C)" from a JSON.parse error's position, or nothing when it has none. */
function whereInText(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return ` (line ${lineColumn[1]}, column ${lineColumn[2]})`;
  const position = /position (\d+)/.exec(message);
  if (position) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return ` (line ${line}, column ${column})`;
  }
  return text.trim() === '' ? ' (the file is empty)' : '';
}
