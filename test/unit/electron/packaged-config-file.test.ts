import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/config';
import { packagedConfigPath, readPackagedConfigFile } from '../../../main/electron/packaged-config-file';

const read = (path: string): string => readFileSync(path, 'utf8');
const SECRET = 'secret-live-80JASucyk7z_G8Z-7dVwZVGXL5NT_qGAQ2I=';
const PROJECT = 'project-live-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('readPackagedConfigFile', () => {
  let resources: string;
  beforeEach(async () => {
    // Stands for app.asar: the file sits at out/app-config.json inside it.
    resources = await mkdtemp(join(tmpdir(), 'pg-app-asar-'));
    await mkdir(join(resources, 'out'));
  });
  afterEach(async () => {
    await rm(resources, { recursive: true, force: true });
  });
  const write = (text: string) => writeFile(join(resources, 'out', 'app-config.json'), text);

  it('reads nothing in a development run, even when a file is there', async () => {
    await write('not json');
    expect(readPackagedConfigFile({ packaged: false, appPath: resources, readFile: read })).toEqual({
      ok: true,
      config: undefined,
      path: null,
      warnings: [],
    });
  });

  it('reads the shipped example, and loadConfig then runs in relay mode with its settings', async () => {
    await write(await readFile('build/app-config.example.json', 'utf8'));
    const result = readPackagedConfigFile({ packaged: true, appPath: resources, readFile: read });
    expect(result).toMatchObject({ ok: true, path: join(resources, 'out', 'app-config.json'), warnings: [] });
    if (!result.ok) return;
    const config = loadConfig({}, { packaged: result.config });
    expect(config).toMatchObject({
      ok: true,
      config: { mode: 'relay', relayUrl: 'https://signin-relay.example.org', signUpPolicy: 'existing-users-only', channel: 'stable' },
    });
  });

  it('accepts an embedded secret (the build already decided), with the warning to log', async () => {
    await write(JSON.stringify({ mode: 'direct', stytch: { projectId: PROJECT, environment: 'live', secret: SECRET } }));
    const result = readPackagedConfigFile({ packaged: true, appPath: resources, readFile: read });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config?.stytch.secret).toBe(SECRET);
    expect(result.warnings.join('\n')).toContain('EMBEDDED');
    expect(result.warnings.join('\n')).not.toContain(SECRET);
  });

  it('calls a missing file a broken installation', () => {
    const result = readPackagedConfigFile({ packaged: true, appPath: resources, readFile: read });
    expect(result).toEqual({
      ok: false,
      path: packagedConfigPath(resources),
      errors: [
        `The settings file ${packagedConfigPath(resources)} is missing; the installer was built without its settings. ` +
          'Reinstall PromptGrimoire, or ask whoever gave you the installer for a corrected one.',
      ],
    });
  });

  it('says an unreadable file cannot be read', () => {
    const result = readPackagedConfigFile({
      packaged: true,
      appPath: resources,
      readFile: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    });
    expect(result).toMatchObject({ ok: false, errors: [expect.stringContaining('cannot be read (permission denied)') as unknown] });
  });

  it('points at broken JSON by line and column, without quoting the file', async () => {
    await write(`{\n  "mode": "direct",\n  "stytch": { "secret": "${SECRET}" \n  "oops"\n}`);
    const result = readPackagedConfigFile({ packaged: true, appPath: resources, readFile: read });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/app-config\.json is not valid JSON \(line 4, column \d+\)\. Reinstall/);
    expect(result.errors[0]).not.toContain('secret-live');
    await write('');
    const empty = readPackagedConfigFile({ packaged: true, appPath: resources, readFile: read });
    expect(empty).toMatchObject({ ok: false, errors: [expect.stringMatching(/not valid JSON \((the file is empty|line 1, column 1)\)/) as unknown] });
  });

  it('lists each invalid setting with what it must hold', async () => {
    await write(JSON.stringify({ mode: 'relay', stytch: { projectId: PROJECT, environment: 'test' }, relayUrl: 'http://relay.example.org', sessionDurationMinutes: 1 }));
    const result = readPackagedConfigFile({ packaged: true, appPath: resources, readFile: read });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toBe(`The settings file ${packagedConfigPath(resources)} has invalid settings:`);
    expect(result.errors.some((line) => line.startsWith('  sessionDurationMinutes:'))).toBe(true);
    expect(result.errors.at(-1)).toContain('Reinstall PromptGrimoire');
  });

  it('clamps a session length an older build allowed to 90 days, with a warning, instead of refusing to start', async () => {
    await write(JSON.stringify({ mode: 'relay', stytch: { projectId: PROJECT, environment: 'live' }, relayUrl: 'https://relay.example.org', sessionDurationMinutes: 527040 }));
    const result = readPackagedConfigFile({ packaged: true, appPath: resources, readFile: read });
    expect(result).toMatchObject({ ok: true, config: { sessionDurationMinutes: 129600 } });
    expect(result.ok && result.warnings.join('\n')).toContain('longer than 129600 (90 days)');
  });
});
