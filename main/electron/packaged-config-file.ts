// Validates the organisation's settings an installed app ships inside app.asar
// (<app.asar>/out/app-config.json), where asar integrity covers them on macOS and Windows.
// The build validated the file and enforced the secret policy, so a secret in it is
// accepted here, and a session length that has become too long is clamped with a warning;
// a missing, unreadable or invalid file is a broken installation, reported with messages
// that say what to do. The text itself is read before `ready` (main/packaged-config-text.ts).
// Rules: no electron import (the caller passes app.isPackaged, app.getAppPath() and the
// file reader); results, not exceptions; no message repeats the file's contents, since it
// may hold a secret.
import { parsePackagedConfig, type PackagedConfig } from '../packaged-config';
import { readPackagedConfigText, REINSTALL, type PackagedConfigSource, type PackagedConfigText } from '../packaged-config-text';

export type { PackagedConfigSource };
export { packagedConfigPath } from '../packaged-config-text';

export type PackagedConfigFileResult =
  | { ok: true; config: PackagedConfig | undefined; path: string | null; warnings: string[] }
  | { ok: false; path: string; errors: string[] };

/** Reads and validates the shipped settings in one step (development runs have none). */
export function readPackagedConfigFile(source: PackagedConfigSource): PackagedConfigFileResult {
  return validatePackagedConfig(readPackagedConfigText(source));
}

/** Validates what readPackagedConfigText read before `ready` (development runs have no file). */
export function validatePackagedConfig(read: PackagedConfigText): PackagedConfigFileResult {
  if (!read.ok) return read;
  return read.text === null ? { ok: true, config: undefined, path: null, warnings: [] } : parsePackagedConfigText(read.text, read.path);
}

function parsePackagedConfigText(text: string, path: string): PackagedConfigFileResult {
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
