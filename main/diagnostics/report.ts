// The text support staff ask a user to copy when "the link didn't open the app": which
// build this is, who owns promptgrimoire://, how the session is stored, whether Stytch or the
// relay answers, and where the log is. The Electron side gathers the facts; this module only
// words them.
// Rules: pure, nothing here may import electron; the finished text goes through the
// logger's redactor, so no token, JWT, verifier or secret can reach the report whatever the
// facts hold.
import { REDACTED, redactText } from '../../common/log/redact';
import type { UpdateDiagnostics } from '../updates/update-policy';

export const SCHEME = 'promptgrimoire';

export interface DiagnosticsFacts {
  generatedAt: Date;
  app: {
    version: string;
    /** The packaged configuration's channel ('stable', 'beta'); 'development' without one. */
    channel: string;
    packaged: boolean;
    electronVersion: string;
    mode: 'direct' | 'relay' | 'emulator';
    /** Whether environment variables could change the settings (main/packaged-launch.ts). */
    environmentOverrides: 'development' | 'allowed' | 'ignored';
    /** Where crash reports go (an origin), or null when they are off. */
    crashReportsTo: string | null;
    updates: UpdateDiagnostics;
  };
  os: {
    /** process.platform */
    platform: string;
    release: string;
    arch: string;
    /** On Linux: how the app was installed, when known. */
    linuxPackage?: 'AppImage' | 'deb' | null;
  };
  protocol: {
    /** app.isDefaultProtocolClient, or xdg-mime's answer naming our desktop file. */
    isDefaultHandler: boolean;
    /** What the OS would open a promptgrimoire:// link with (app name or .desktop file); null: nothing. */
    handlerName: string | null;
    /** Why the answer is uncertain (xdg-mime missing, say); null or absent when it is not. */
    detail?: string | null;
  };
  storage: {
    /** safeStorage.getSelectedStorageBackend() on Linux; the OS keystore name elsewhere. */
    backend: string;
    encryptionAvailable: boolean;
    session: 'encrypted' | 'memory-only' | 'none';
    /** On Linux: the --password-store the app chose before start-up (or none) and why. */
    keyringChoice?: { passwordStore: string | null; reason: string } | null;
  };
  /** How the app's calls leave this computer: "direct" or "through proxy host:port (…)". */
  network?: string;
  /** null when the check was not run (offline mode, or still running). */
  connectivity: {
    target: 'stytch' | 'relay' | 'emulator';
    url: string;
    reachable: boolean;
    latencyMs: number | null;
    /** HTTP status or network error, as text. */
    detail?: string;
  } | null;
  logFile: string;
}

const OVERRIDE_WORDS = {
  development: 'honoured (development run)',
  allowed: "honoured (allowEnvironmentOverrides is set: a support staff's test build)",
  ignored: 'ignored (installed build; only STYTCH_SECRET is read)',
} as const;

const PLATFORM_NAMES: Record<string, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

export function buildDiagnosticsReport(facts: DiagnosticsFacts): string {
  const sections = [
    ['PromptGrimoire diagnostics', [`Generated: ${facts.generatedAt.toISOString()}`]],
    ['App', appLines(facts)],
    ['System', systemLines(facts)],
    [`Deep links (${SCHEME}://)`, protocolLines(facts)],
    ['Session storage', storageLines(facts)],
    ['Connectivity', connectivityLines(facts)],
    ['Log file', [facts.logFile]],
  ] as const;

  const body = sections.map(([title, lines]) => [title, ...lines.map((line) => `  ${line}`)].join('\n')).join('\n\n');
  // One pass over the finished text: values, hints and labels alike.
  const text = redactText(body);
  const found = countRedactions(text) - countRedactions(body);
  const footer =
    found === 0
      ? 'This report holds no tokens, JWTs, verifiers or secrets.'
      : `This report holds no tokens, JWTs, verifiers or secrets; ${found} value(s) that looked like one were replaced with [redacted].`;
  return `${text}\n\n${footer}\n`;
}

function appLines({ app }: DiagnosticsFacts): string[] {
  const build = app.packaged ? 'installed build' : 'development run';
  return [
    `Version: ${app.version} (${app.channel} channel, ${build})`,
    `Electron: ${app.electronVersion}`,
    `Sign-in: ${app.mode === 'relay' ? 'through the relay' : app.mode === 'direct' ? 'directly with Stytch' : 'local emulator'}`,
    `Environment overrides: ${OVERRIDE_WORDS[app.environmentOverrides]}`,
    `Crash reports: ${app.crashReportsTo === null ? 'off' : `on, sent to ${app.crashReportsTo}`}`,
    ...updateLines(app.updates),
  ];
}

const UPDATE_MODE_WORDS = {
  automatic: 'automatic (downloaded in the background, installed on quit)',
  notify: 'notify (offered, downloaded when accepted)',
  off: 'off (this installation never looks for updates)',
} as const;

const CHECK_RESULT_WORDS = { 'up-to-date': 'up to date', 'update-available': 'update available', failed: 'FAILED' } as const;

/** "Updates: <mode>", then the last check and its result while updates are on. */
function updateLines(updates: UpdateDiagnostics): string[] {
  const lines = [`Updates: ${UPDATE_MODE_WORDS[updates.mode]}`];
  return updates.mode === 'off' ? lines : [...lines, `Last update check: ${lastUpdateCheck(updates)}`];
}

/** The last check, its result and whether an update waits, in words. */
export function lastUpdateCheck(updates: UpdateDiagnostics): string {
  const check = updates.lastCheck;
  if (check === null) return 'not yet';
  const detail = check.detail === null ? '' : ` (${check.detail})`;
  const ready = updates.status === 'ready' ? '; ready to install' : '';
  return `${check.at}, ${CHECK_RESULT_WORDS[check.result]}${detail}${ready}`;
}

function systemLines({ os }: DiagnosticsFacts): string[] {
  const name = PLATFORM_NAMES[os.platform] ?? os.platform;
  const lines = [`OS: ${name} ${os.release} (${os.arch})`];
  if (os.platform === 'linux' && os.linuxPackage) lines.push(`Installed as: ${os.linuxPackage}`);
  return lines;
}

function protocolLines({ protocol, os }: DiagnosticsFacts): string[] {
  const caveat = protocol.detail ? [`Note: ${protocol.detail}`] : [];
  if (protocol.isDefaultHandler) {
    return ['Registered handler: this app', 'Sign-in links open PromptGrimoire directly.', ...caveat];
  }
  const owner = protocol.handlerName ? `another app: ${protocol.handlerName}` : 'none';
  const lines = [
    `Registered handler: ${owner}`,
    ...caveat,
    'Sign-in links will not open this app. Until that is fixed, paste the link on the "check your email" screen.',
  ];
  if (os.platform === 'linux' && os.linuxPackage === 'AppImage') {
    lines.push('Fix: an AppImage does not register URL schemes by itself; add its desktop entry (docs/distributing.md, "AppImage").');
  } else if (protocol.handlerName) {
    lines.push('Fix: quit the other copy (often a development build) and reinstall or reopen this one; see docs/distributing.md, "two builds claim the scheme".');
  } else {
    lines.push('Fix: reinstall the app; see docs/distributing.md, "deep links" troubleshooting.');
  }
  return lines;
}

function storageLines({ storage }: DiagnosticsFacts): string[] {
  const keyring = storage.backend === 'basic_text' ? `${storage.backend} (no OS keyring; not real encryption)` : storage.backend;
  const session = {
    encrypted: 'signed in; the session is stored encrypted on disk',
    'memory-only': 'signed in; the session is kept in memory only and ends when the app quits, because no OS encryption is available',
    none: 'not signed in',
  }[storage.session];
  const choice = storage.keyringChoice;
  return [
    `Encryption backend: ${keyring}`,
    ...(choice ? [`Keyring choice: ${choice.passwordStore === null ? "Chromium's own" : `--password-store=${choice.passwordStore}`}, because ${choice.reason}`] : []),
    `OS encryption available: ${storage.encryptionAvailable && storage.backend !== 'basic_text' ? 'yes' : 'no'}`,
    `Session: ${session}`,
  ];
}

function connectivityLines({ connectivity, network }: DiagnosticsFacts): string[] {
  const route = network === undefined ? [] : [`Network: ${network}`];
  return [...route, ...reachabilityLines(connectivity)];
}

function reachabilityLines(connectivity: DiagnosticsFacts['connectivity']): string[] {
  if (connectivity === null) return ['Not checked.'];
  const name = { stytch: 'Stytch', relay: 'Sign-in relay', emulator: 'Local emulator' }[connectivity.target];
  const where = safeUrl(connectivity.url);
  const time = connectivity.latencyMs === null ? '' : ` in ${Math.round(connectivity.latencyMs)} ms`;
  const detail = connectivity.detail ? ` (${connectivity.detail})` : '';
  return connectivity.reachable
    ? [`${name} at ${where}: reachable${time}${detail}`]
    : [`${name} at ${where}: NOT reachable${time}${detail}`];
}

/** Origin and path only: a query or user-info part is where a credential would sit. */
function safeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(not a valid URL)';
  }
}

function countRedactions(text: string): number {
  return text.split(REDACTED).length - 1;
}
