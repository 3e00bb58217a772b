// Linux desktop integration for the AppImage, which (unlike the deb) registers no URL
// scheme: a per-user .desktop file claiming x-scheme-handler/promptgrimoire, made the
// default with xdg-mime. Also reads back who owns the scheme, for diagnostics.
// Rules: nothing here may import electron; the file system root (home directory) and the
// command runner are injected, so tests need neither xdg tools nor a real home; failures are
// returned as results, never thrown.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

export const DESKTOP_FILE = 'promptgrimoire.desktop';
export const SCHEME_MIME_TYPE = 'x-scheme-handler/promptgrimoire';

export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program without a shell. Resolves with its exit code; rejects only when it could
 * not be started (ENOENT when it is not installed).
 */
export type CommandRunner = (command: string, args: readonly string[]) => Promise<CommandResult>;

export interface DesktopEntryOptions {
  /** Absolute path of the .AppImage file ($APPIMAGE at run time). */
  appImagePath: string;
  /** Absolute path of an icon file, or an icon-theme name. */
  iconPath?: string;
}

// Control characters cannot be represented in a single-line Exec value and would let a
// crafted path add keys to the file.
const isControl = (c: string): boolean => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
const hasControl = (value: string): boolean => [...value].some(isControl);

/** A `string`-type value of the Desktop Entry spec: backslash and whitespace escapes. */
function escapeString(value: string): string {
  return value.replace(/\\/g, '\\\\');
}

/**
 * One quoted argument of the Exec key. Inside double quotes the spec reserves `"`, `` ` ``,
 * `$` and `\`, which take a backslash; `%` is a field code, so a literal one is `%%`. The
 * string-level escape is then applied on top, which is why a literal backslash ends up as
 * four backslashes in the file.
 */
function quoteExecArgument(arg: string): string {
  const quoted = `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
  return escapeString(quoted);
}

function checkPath(label: string, value: string): void {
  if (!isAbsolute(value)) throw new Error(`${label} must be an absolute path`);
  if (hasControl(value)) throw new Error(`${label} contains a control character`);
}

export function desktopEntryFor(options: DesktopEntryOptions): string {
  checkPath('appImagePath', options.appImagePath);
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=PromptGrimoire',
    'Comment=Sign in to PromptGrimoire with an email link',
    // %U hands the clicked promptgrimoire:// URL to the app as an argument.
    `Exec=${quoteExecArgument(options.appImagePath)} %U`,
    'Terminal=false',
    'Categories=Office;',
    `MimeType=${SCHEME_MIME_TYPE};`,
    // Matches desktopName in the packaged package.json, so the window joins this entry.
    'StartupWMClass=promptgrimoire',
  ];
  if (options.iconPath !== undefined) {
    if (hasControl(options.iconPath)) throw new Error('iconPath contains a control character');
    lines.push(`Icon=${escapeString(options.iconPath)}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface EntryLocation {
  homeDir: string;
  /** $XDG_DATA_HOME when set; otherwise ~/.local/share. */
  dataHome?: string;
}

export interface InstallOptions extends DesktopEntryOptions, EntryLocation {
  runCommand: CommandRunner;
}

function applicationsDir({ homeDir, dataHome }: EntryLocation): string {
  const base = dataHome && isAbsolute(dataHome) ? dataHome : join(homeDir, '.local', 'share');
  return join(base, 'applications');
}

/**
 * True when the per-user entry exists and launches exactly this AppImage. xdg-mime can name
 * promptgrimoire.desktop while the file is gone, or while it still starts a copy the user
 * has since moved or replaced; either way links would not reach this one.
 */
export async function desktopEntryIsCurrent(options: DesktopEntryOptions & EntryLocation): Promise<boolean> {
  try {
    const text = await readFile(join(applicationsDir(options), DESKTOP_FILE), 'utf8');
    return text === desktopEntryFor(options);
  } catch {
    return false;
  }
}

export interface StepOutcome {
  command: string;
  ok: boolean;
  detail: string;
}

export type InstallResult =
  | { ok: true; desktopFile: string; steps: StepOutcome[] }
  | { ok: false; desktopFile: string | null; steps: StepOutcome[]; reason: string };

export async function installDesktopEntry(options: InstallOptions): Promise<InstallResult> {
  let text: string;
  try {
    text = desktopEntryFor(options);
  } catch (error) {
    return { ok: false, desktopFile: null, steps: [], reason: `Cannot describe this AppImage: ${message(error)}` };
  }
  const applications = applicationsDir(options);
  const desktopFile = join(applications, DESKTOP_FILE);

  try {
    await mkdir(applications, { recursive: true });
    // Write then rename, so a desktop environment watching the folder never reads half a file.
    const partial = `${desktopFile}.partial`;
    await writeFile(partial, text, { mode: 0o644 });
    await rename(partial, desktopFile);
  } catch (error) {
    return { ok: false, desktopFile: null, steps: [], reason: `Cannot write ${desktopFile}: ${message(error)}` };
  }

  const steps: StepOutcome[] = [];
  const xdgMime = await run(options.runCommand, 'xdg-mime', ['default', DESKTOP_FILE, SCHEME_MIME_TYPE]);
  steps.push(xdgMime);
  // Only a cache of MimeType lines; desktops that lack the tool still read the file.
  steps.push(await run(options.runCommand, 'update-desktop-database', [applications]));

  if (!xdgMime.ok) {
    return { ok: false, desktopFile, steps, reason: `The desktop entry was written but could not be made the default: ${xdgMime.detail}` };
  }
  return { ok: true, desktopFile, steps };
}

export type HandlerQuery =
  | { ok: true; handler: string | null; isThisApp: boolean }
  | { ok: false; reason: string };

/** Asks xdg-mime which .desktop file opens promptgrimoire:// links. */
export async function queryDefaultHandler(runCommand: CommandRunner): Promise<HandlerQuery> {
  let result: CommandResult;
  try {
    result = await runCommand('xdg-mime', ['query', 'default', SCHEME_MIME_TYPE]);
  } catch (error) {
    return { ok: false, reason: notStarted('xdg-mime', error) };
  }
  if (result.exitCode !== 0) {
    return { ok: false, reason: `xdg-mime exited with ${String(result.exitCode)}: ${firstLine(result.stderr) || 'no message'}` };
  }
  // xdg-mime prints the desktop file id, or nothing when no application claims the type.
  const handler = firstLine(result.stdout) || null;
  return { ok: true, handler, isThisApp: handler === DESKTOP_FILE };
}

async function run(runCommand: CommandRunner, command: string, args: readonly string[]): Promise<StepOutcome> {
  const label = [command, ...args].join(' ');
  try {
    const result = await runCommand(command, args);
    if (result.exitCode === 0) return { command: label, ok: true, detail: 'done' };
    return { command: label, ok: false, detail: `exited with ${String(result.exitCode)}: ${firstLine(result.stderr) || 'no message'}` };
  } catch (error) {
    return { command: label, ok: false, detail: notStarted(command, error) };
  }
}

const PACKAGE_OF: Record<string, string> = { 'xdg-mime': 'xdg-utils', 'update-desktop-database': 'desktop-file-utils' };

function notStarted(command: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') {
    return `${command} is not installed (package ${PACKAGE_OF[command] ?? command})`;
  }
  return `${command} could not be started: ${message(error)}`;
}

/** First non-empty line, without control characters, at most 200 characters. */
function firstLine(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return [...line].filter((c) => !isControl(c)).join('').slice(0, 200);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
