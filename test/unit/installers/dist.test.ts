import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AZURE_VARIABLES, loadAppConfig, parseDistArgs, signingReport } from '../../../scripts/dist';
import { loadConfig } from '../../../main/config';
import { parsePackagedConfig } from '../../../main/packaged-config';

/** What the packaged app does with the shipped file: parse it again at start-up. */
function parsePackagedConfigOrThrow(json: string) {
  const parsed = parsePackagedConfig(JSON.parse(json), { allowEmbeddedSecret: true });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.config;
}

const dir = mkdtempSync(join(tmpdir(), 'pg-dist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const SECRET = 'secret-live-80JASucyk7z_G8Z-7dVwZVGXL5NT_qGAQ2I=';
const relay = {
  mode: 'relay',
  stytch: { projectId: 'project-live-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', environment: 'live' },
  relayUrl: 'https://relay.example.org',
};
const direct = { mode: 'direct', stytch: { ...relay.stytch, secret: SECRET } };

describe('parseDistArgs', () => {
  it('builds for the current OS with the default config path', () => {
    expect(parseDistArgs([], {}, 'darwin')).toEqual({ os: 'mac', configPath: 'build/app-config.json', allowEmbeddedSecret: false });
    expect(parseDistArgs([], {}, 'win32').os).toBe('win');
    expect(parseDistArgs([], {}, 'linux').os).toBe('linux');
  });

  it('takes the OS flag, --config over PROMPTGRIMOIRE_APP_CONFIG, and the secret flag', () => {
    const env = { PROMPTGRIMOIRE_APP_CONFIG: 'env.json' };
    expect(parseDistArgs(['--win'], env, 'linux')).toEqual({ os: 'win', configPath: 'env.json', allowEmbeddedSecret: false });
    expect(parseDistArgs([], { PROMPTGRIMOIRE_APP_CONFIG: ' ' }, 'linux').configPath).toBe('build/app-config.json');
    expect(parseDistArgs(['--mac', '--config', 'cli.json', '--allow-embedded-secret'], env, 'linux')).toEqual({
      os: 'mac',
      configPath: 'cli.json',
      allowEmbeddedSecret: true,
    });
  });

  it('refuses two OSes and unknown flags', () => {
    expect(() => parseDistArgs(['--mac', '--win'], {}, 'linux')).toThrow(/one OS per run/);
    expect(() => parseDistArgs(['--allow-secret'], {}, 'linux')).toThrow();
  });
});

describe('signingReport', () => {
  it('says UNSIGNED for Windows without variables', () => {
    const report = signingReport('win', {});
    expect(report.signed).toBe(false);
    expect(report.lines.join('\n')).toMatch(/^UNSIGNED build/);
  });

  it('signs Windows with a certificate file and its password', () => {
    expect(signingReport('win', { WIN_CSC_LINK: 'C:\\certs\\pg.pfx', WIN_CSC_KEY_PASSWORD: 'pw' })).toMatchObject({ signed: true, problems: [] });
    expect(signingReport('win', { CSC_LINK: 'base64', CSC_KEY_PASSWORD: 'pw' }).lines[0]).toMatch(/certificate in CSC_LINK/);
    expect(signingReport('win', { CSC_LINK: 'base64' }).problems).toEqual(['CSC_LINK is set but CSC_KEY_PASSWORD is not.']);
  });

  it('switches Windows to Azure Trusted Signing, and names what is missing', () => {
    const env = {
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
      [AZURE_VARIABLES.endpoint]: 'https://weu.codesigning.azure.net',
      [AZURE_VARIABLES.account]: 'pg-signing',
      [AZURE_VARIABLES.profile]: 'pg-public',
      [AZURE_VARIABLES.publisher]: 'PromptGrimoire Ltd',
    };
    const report = signingReport('win', env);
    expect(report).toMatchObject({ signed: true, problems: [] });
    expect(report.overrides).toEqual({
      win: {
        azureSignOptions: {
          publisherName: 'PromptGrimoire Ltd',
          endpoint: 'https://weu.codesigning.azure.net',
          codeSigningAccountName: 'pg-signing',
          certificateProfileName: 'pg-public',
        },
      },
    });
    const { AZURE_CLIENT_SECRET: _dropped, ...partial } = env;
    expect(signingReport('win', partial).problems).toEqual([expect.stringMatching(/needs AZURE_CLIENT_SECRET/)]);
  });

  it('reports macOS signing and notarization, and stops on half a set of variables', () => {
    const full = signingReport('mac', {
      CSC_LINK: 'cert.p12',
      CSC_KEY_PASSWORD: 'pw',
      APPLE_API_KEY: '/keys/AuthKey.p8',
      APPLE_API_KEY_ID: 'ABC',
      APPLE_API_ISSUER: 'uuid',
    });
    expect(full).toMatchObject({ signed: true, problems: [] });
    expect(full.lines).toContain('Notarizing with an App Store Connect API key.');

    const keychain = signingReport('mac', {});
    expect(keychain.signed).toBeNull();
    expect(keychain.lines.join('\n')).toMatch(/UNSIGNED build/);
    expect(keychain.lines.join('\n')).toMatch(/NOT notarized/);

    expect(signingReport('mac', { CSC_IDENTITY_AUTO_DISCOVERY: 'false' }).signed).toBe(false);
    expect(signingReport('mac', { APPLE_ID: 'a@b.c' }).problems).toEqual([expect.stringMatching(/APPLE_APP_SPECIFIC_PASSWORD/)]);
  });

  it('says Linux packages are unsigned', () => {
    expect(signingReport('linux', {})).toMatchObject({ signed: false, lines: [expect.stringMatching(/^UNSIGNED build/)] });
  });

  it('never repeats a variable value', () => {
    const env = { CSC_LINK: 'c2VjcmV0LWNlcnQ=', CSC_KEY_PASSWORD: 'hunter2-password', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop' };
    for (const os of ['mac', 'win', 'linux'] as const) {
      const text = JSON.stringify(signingReport(os, env));
      for (const value of Object.values(env)) expect(text).not.toContain(value);
    }
  });
});

describe('loadAppConfig', () => {
  it('returns the validated config with defaults, ready to ship', () => {
    const result = loadAppConfig(configFile('relay.json', relay), false);
    expect(result.ok).toBe(true);
    if (result.ok) expect(JSON.parse(result.json)).toEqual({
        ...relay,
        sessionDurationMinutes: 10080,
        signUpPolicy: 'open',
        invitesEnabled: false,
        allowEnvironmentOverrides: false,
      });
  });

  it('builds a relay-mode app config with no Stytch secret anywhere in it', () => {
    const built = loadAppConfig(configFile('relay-built.json', relay), false);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.json).not.toMatch(/secret/i);
    const loaded = loadConfig({}, { packaged: parsePackagedConfigOrThrow(built.json) });
    expect(loaded.ok && loaded.config.mode).toBe('relay');
    expect(loaded.ok && JSON.stringify(loaded.config)).not.toMatch(/secret/i);
    // Even with the flag that allows embedding a secret, relay mode refuses one.
    const withSecret = { ...relay, stytch: { ...relay.stytch, secret: 'secret-live-should-never-ship' } };
    expect(loadAppConfig(configFile('relay-secret.json', withSecret), true).ok).toBe(false);
  });

  it('points at the example when the file is missing', () => {
    expect(loadAppConfig(join(dir, 'nope.json'), false)).toEqual({
      ok: false,
      errors: [expect.stringMatching(/No app-config at .*nope\.json\. Start from the example: copy build\/app-config\.example\.json/)],
    });
  });

  it('explains broken JSON', () => {
    expect(loadAppConfig(configFile('broken.json', '{ "mode": '), false)).toMatchObject({ ok: false, errors: [expect.stringMatching(/is not valid JSON/)] });
  });

  it('refuses an embedded secret unless allowed, then warns', () => {
    const path = configFile('direct.json', direct);
    expect(loadAppConfig(path, false)).toMatchObject({ ok: false, errors: [expect.stringMatching(/stytch\.secret: refused/)] });
    expect(loadAppConfig(path, true)).toMatchObject({ ok: true, warnings: [expect.stringMatching(/EMBEDDED/)] });
  });
});

describe('npm run dist, up to the first check', () => {
  const tsx = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
  const dist = (args: string[]) =>
    spawnSync(process.execPath, [tsx, 'scripts/dist.ts', ...args], { encoding: 'utf8', env: { ...process.env, PROMPTGRIMOIRE_APP_CONFIG: '' } });

  it('stops before building when the config is missing, pointing at the example', () => {
    const run = dist(['--linux', '--config', join(dir, 'missing.json')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ERROR No app-config at .*copy build\/app-config\.example\.json to build\/app-config\.json/);
  });

  it('stops on an embedded secret without printing it', () => {
    const run = dist(['--linux', '--config', configFile('secret.json', direct)]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/stytch\.secret: refused/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
  });
});
