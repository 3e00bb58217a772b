// Builds the installers for one OS: validates the organisation's app-config, type-checks and
// builds the app, writes the validated config to out/app-config.json (shipped inside
// app.asar), says whether the build will be signed, then runs electron-builder.
//   npm run dist [-- --config <file>] [-- --allow-embedded-secret]
//   npm run dist:mac | dist:win | dist:linux
// Rule: signing material only ever comes from environment variables, and a build without
// them says, loudly, that it is UNSIGNED. Nothing here prints a variable's value.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Configuration } from 'electron-builder';
import { PACKAGED_CONFIG_FILE, parsePackagedConfig, type PackagedConfig } from '../main/packaged-config';
import { updateSettingsOf } from '../main/updates/update-mode';
import { runBin } from './package-bin';

export type TargetOs = 'mac' | 'win' | 'linux';
type Env = Record<string, string | undefined>;

export const DEFAULT_CONFIG_PATH = 'build/app-config.json';
const EXAMPLE_CONFIG_PATH = 'build/app-config.example.json';

export interface DistOptions {
  os: TargetOs;
  configPath: string;
  allowEmbeddedSecret: boolean;
}

export function parseDistArgs(argv: string[], env: Env, platform: NodeJS.Platform): DistOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      mac: { type: 'boolean', default: false },
      win: { type: 'boolean', default: false },
      linux: { type: 'boolean', default: false },
      config: { type: 'string' },
      'allow-embedded-secret': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const chosen = (['mac', 'win', 'linux'] as const).filter((os) => values[os]);
  if (chosen.length > 1) throw new Error('Choose one of --mac, --win, --linux (one OS per run).');
  const current: TargetOs = platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : 'linux';
  return {
    os: chosen[0] ?? current,
    // An empty variable counts as unset, as in a CI template that leaves it blank.
    configPath: values.config ?? (env.PROMPTGRIMOIRE_APP_CONFIG?.trim() || DEFAULT_CONFIG_PATH),
    allowEmbeddedSecret: values['allow-embedded-secret'],
  };
}

const set = (env: Env, name: string): boolean => (env[name] ?? '').trim() !== '';

/** Variables for Azure Trusted Signing: Entra ID credentials plus where the certificate lives. */
export const AZURE_VARIABLES = {
  credentials: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'],
  endpoint: 'PROMPTGRIMOIRE_AZURE_SIGNING_ENDPOINT',
  account: 'PROMPTGRIMOIRE_AZURE_SIGNING_ACCOUNT',
  profile: 'PROMPTGRIMOIRE_AZURE_CERTIFICATE_PROFILE',
  publisher: 'PROMPTGRIMOIRE_WIN_PUBLISHER_NAME',
} as const;

export interface SigningReport {
  /** null: electron-builder decides from the macOS keychain, and says so in its log. */
  signed: boolean | null;
  /** What will happen, one line each; never a value. */
  lines: string[];
  /** Incomplete variable sets that would fail late in electron-builder; the build stops. */
  problems: string[];
  /** Extra electron-builder configuration (Azure Trusted Signing), merged over the yml. */
  overrides: Configuration;
}

export function signingReport(os: TargetOs, env: Env): SigningReport {
  if (os === 'mac') return macSigning(env);
  if (os === 'win') return winSigning(env);
  return {
    signed: false,
    lines: ['UNSIGNED build: electron-builder does not sign AppImage or deb packages. Publish the SHA-256 sums printed at the end.'],
    problems: [],
    overrides: {},
  };
}

function macSigning(env: Env): SigningReport {
  const lines: string[] = [];
  const problems: string[] = [];
  let signed: boolean | null;
  if (set(env, 'CSC_LINK')) {
    signed = true;
    lines.push('Signing with the Developer ID Application certificate in CSC_LINK.');
    if (!set(env, 'CSC_KEY_PASSWORD')) problems.push('CSC_LINK is set but CSC_KEY_PASSWORD is not; a .p12 export always has a password.');
  } else if (env.CSC_IDENTITY_AUTO_DISCOVERY === 'false') {
    signed = false;
    lines.push('UNSIGNED build: CSC_IDENTITY_AUTO_DISCOVERY=false and no CSC_LINK. Gatekeeper will refuse to open it.');
  } else {
    // electron-builder looks for a "Developer ID Application" identity in the keychain and
    // skips signing if there is none; only its own log can tell which happened.
    signed = set(env, 'CSC_NAME') ? true : null;
    lines.push(
      signed
        ? 'Signing with the keychain identity named in CSC_NAME.'
        : 'No CSC_LINK: electron-builder will look for a "Developer ID Application" certificate in the keychain. If its log says "skipped macOS application code signing", this is an UNSIGNED build.',
    );
  }

  const apiKey = ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'];
  const appleId = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];
  const partial = (names: string[]) => names.some((n) => set(env, n)) && !names.every((n) => set(env, n));
  if (partial(appleId)) problems.push(`Notarization needs all of ${appleId.join(', ')}; some are missing.`);
  if (partial(apiKey)) problems.push(`Notarization needs all of ${apiKey.join(', ')}; some are missing.`);
  if (appleId.every((n) => set(env, n))) lines.push('Notarizing with an Apple ID app-specific password.');
  else if (apiKey.every((n) => set(env, n))) lines.push('Notarizing with an App Store Connect API key.');
  else if (set(env, 'APPLE_KEYCHAIN_PROFILE')) lines.push('Notarizing with the notarytool keychain profile in APPLE_KEYCHAIN_PROFILE.');
  else lines.push('NOT notarized: no APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER, APPLE_ID set or APPLE_KEYCHAIN_PROFILE. macOS will warn users.');
  return { signed, lines, problems, overrides: {} };
}

function winSigning(env: Env): SigningReport {
  const problems: string[] = [];
  const azureNames = [...AZURE_VARIABLES.credentials, AZURE_VARIABLES.endpoint, AZURE_VARIABLES.account, AZURE_VARIABLES.profile, AZURE_VARIABLES.publisher];
  const azureSet = azureNames.filter((n) => set(env, n));
  if (azureSet.length > 0) {
    if (azureSet.length < azureNames.length) {
      const missing = azureNames.filter((n) => !set(env, n));
      problems.push(`Azure Trusted Signing needs ${missing.join(', ')} as well.`);
    }
    return {
      signed: problems.length === 0,
      lines: ['Signing the app, installer and uninstaller with Azure Trusted Signing.'],
      problems,
      overrides: {
        win: {
          azureSignOptions: {
            publisherName: env[AZURE_VARIABLES.publisher] ?? '',
            endpoint: env[AZURE_VARIABLES.endpoint] ?? '',
            codeSigningAccountName: env[AZURE_VARIABLES.account] ?? '',
            certificateProfileName: env[AZURE_VARIABLES.profile] ?? '',
          },
        },
      },
    };
  }
  const link = set(env, 'WIN_CSC_LINK') ? 'WIN_CSC_LINK' : set(env, 'CSC_LINK') ? 'CSC_LINK' : null;
  if (link === null) {
    return {
      signed: false,
      lines: ['UNSIGNED build: no WIN_CSC_LINK/CSC_LINK certificate and no Azure Trusted Signing variables. SmartScreen will warn users.'],
      problems,
      overrides: {},
    };
  }
  const password = link === 'WIN_CSC_LINK' ? 'WIN_CSC_KEY_PASSWORD' : 'CSC_KEY_PASSWORD';
  if (!set(env, password)) problems.push(`${link} is set but ${password} is not.`);
  return {
    signed: problems.length === 0,
    lines: [`Signing the app, installer and uninstaller with the certificate in ${link} (SHA-256, timestamped).`],
    problems,
    overrides: {},
  };
}

export type ConfigLoad = { ok: true; json: string; config: PackagedConfig; warnings: string[] } | { ok: false; errors: string[] };

/** Reads and validates the app-config; returns the JSON to ship (defaults filled in). */
export function loadAppConfig(path: string, allowEmbeddedSecret: boolean): ConfigLoad {
  if (!existsSync(path)) {
    return {
      ok: false,
      errors: [
        `No app-config at ${path}. Start from the example: copy ${EXAMPLE_CONFIG_PATH} to ${DEFAULT_CONFIG_PATH} and edit it, ` +
          'or point --config / PROMPTGRIMOIRE_APP_CONFIG at your file (docs/distributing.md, "The app-config file").',
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, errors: [`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const result = parsePackagedConfig(raw, { allowEmbeddedSecret });
  if (!result.ok) return { ok: false, errors: result.errors.map((e) => `${path}: ${e}`) };
  return { ok: true, json: `${JSON.stringify(result.config, null, 2)}\n`, config: result.config, warnings: result.warnings };
}

/**
 * electron-builder's `publish` for this app-config: the generic https feed and its channel,
 * so electron-builder writes app-update.yml into the app and latest*.yml (beta*.yml on the
 * beta channel) beside the installers; null when the app never updates itself. The app reads
 * the feed from its app-config; app-update.yml only gives electron-updater its cache folder.
 */
export type PublishSettings = [{ provider: 'generic'; url: string; channel: string }] | null;

export function publishSettings(config: PackagedConfig): PublishSettings {
  const updates = updateSettingsOf(config);
  if (updates.mode === 'off') return null;
  return [{ provider: 'generic', url: updates.url, channel: updates.feedChannel }];
}

function banner(text: string): void {
  console.log(`\n=== ${text} ===`);
}

async function main(): Promise<number> {
  const options = parseDistArgs(process.argv.slice(2), process.env, process.platform);

  banner(`App config: ${options.configPath}`);
  const loaded = loadAppConfig(options.configPath, options.allowEmbeddedSecret);
  if (!loaded.ok) {
    for (const error of loaded.errors) console.error(`ERROR ${error}`);
    return 1;
  }
  for (const warning of loaded.warnings) console.warn(`WARNING ${warning}`);
  console.log('Valid.');

  banner(`Signing (${options.os})`);
  const signing = signingReport(options.os, process.env);
  for (const line of signing.lines) console.log(line);
  if (signing.problems.length > 0) {
    for (const problem of signing.problems) console.error(`ERROR ${problem}`);
    return 1;
  }
  const hostOs = parseDistArgs([], {}, process.platform).os;
  if (options.os === 'mac' && hostOs !== 'mac') {
    console.warn('WARNING macOS installers can only be built (and signed) on macOS.');
  }

  banner('Type-check and build');
  runBin('typescript', 'tsc', ['-p', 'tsconfig.node.json', '--noEmit']);
  runBin('typescript', 'tsc', ['-p', 'tsconfig.web.json', '--noEmit']);
  runBin('electron-vite', 'electron-vite', ['build']);
  // After the build, which owns out/; electron-builder.yml packs this file into app.asar.
  mkdirSync('out', { recursive: true });
  writeFileSync(join('out', PACKAGED_CONFIG_FILE), loaded.json);

  banner(`electron-builder (${options.os})`);
  const { build, Platform } = await import('electron-builder');
  const platform = { mac: Platform.MAC, win: Platform.WINDOWS, linux: Platform.LINUX }[options.os];
  const publish = publishSettings(loaded.config);
  console.log(publish === null ? 'Updates: off (no feed files).' : `Updates: ${publish[0].url} (${publish[0].channel} channel); upload the *.yml feed files with the installers.`);
  // Nothing is uploaded from here: support staff host the feed (docs/distributing.md, "Updates").
  const config: Configuration = { ...signing.overrides, publish };
  const artifacts = await build({ targets: platform.createTarget(), config, publish: 'never' });

  banner('Artifacts (SHA-256)');
  for (const file of artifacts.filter((f) => !f.endsWith('.blockmap'))) {
    const sum = createHash('sha256').update(readFileSync(file)).digest('hex');
    console.log(`${sum}  ${relative(process.cwd(), resolve(file))}`);
  }
  if (signing.signed === true) console.log('\nSigned build.');
  else if (signing.signed === null) console.log('\nSigned only if electron-builder found a keychain identity above; otherwise UNSIGNED.');
  else console.log('\nUNSIGNED build: do not hand this to users outside your test group.');
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`ERROR ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
