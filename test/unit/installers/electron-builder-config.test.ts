// electron-builder.yml, checked with electron-builder's own code: its loader (js-yaml inside),
// its JSON-schema validation, its file matcher (minimatch inside) and its Linux desktop-entry
// writer. No packaging happens, so nothing is downloaded.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import type { Configuration, LinuxPackager } from 'app-builder-lib';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { resolveFunction } from 'app-builder-lib/out/util/resolve';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const projectDir = process.cwd();
let config: Configuration;
// electron-builder types extraMetadata as any (it is merged into package.json).
const extraMetadata = () => (config.extraMetadata ?? {}) as Record<string, unknown>;

beforeAll(async () => {
  // null, null: find electron-builder.yml in the project the way `electron-builder` does.
  config = await getConfig(projectDir, null, null);
});

describe('electron-builder.yml: schema', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation is real: a misspelt fuse is rejected', async () => {
    const broken: Configuration = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } as Configuration['electronFuses'] };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('names the app and its output folders', () => {
    expect(config.appId).toBe('com.promptgrimoire.desktop');
    expect(config.productName).toBe('PromptGrimoire');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(config.asar).toBe(true);
  });
});

describe('electron-builder.yml: the promptgrimoire scheme', () => {
  it('is declared once, at the top level, so macOS, Windows and Linux all get it', () => {
    expect(config.protocols).toEqual([{ name: 'PromptGrimoire', schemes: ['promptgrimoire'], role: 'Viewer' }]);
    // A platform-level list would replace or duplicate the top-level one for that OS.
    for (const os of [config.mac, config.win, config.linux]) expect(os?.protocols).toBeUndefined();
  });

  it('ends up in the Linux .desktop file as MimeType with a %U Exec, exactly once', async () => {
    // The smallest packager electron-builder's desktop-entry writer reads from.
    const packager = {
      config,
      platformSpecificBuildOptions: config.linux ?? {},
      appInfo: { productName: 'PromptGrimoire', sanitizedProductName: 'PromptGrimoire', description: 'desc' },
      executableName: 'promptgrimoire-desktop',
      fileAssociations: [],
      info: { metadata: { desktopName: extraMetadata().desktopName } },
    } as unknown as LinuxPackager;
    const text = await new LinuxTargetHelper(packager).computeDesktopEntry(config.linux ?? {});
    expect(text).toMatch(/^MimeType=x-scheme-handler\/promptgrimoire;$/m);
    expect(text).toMatch(/^Exec=\/opt\/PromptGrimoire\/promptgrimoire-desktop %U$/m);
    expect(text).toMatch(/^Categories=Office;$/m);
    expect(text).toMatch(/^StartupWMClass=promptgrimoire$/m);
  });

  it('uses the same .desktop name as the AppImage integration', () => {
    expect(extraMetadata().desktopName).toBe('promptgrimoire.desktop');
    expect(config.linux?.syncDesktopName).toBe(true);
  });
});

describe('electron-builder.yml: fuses', () => {
  it('are exactly the hardened set', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });
});

describe('electron-builder.yml: what gets packaged', () => {
  // electron-builder's own matchers for `files` (per OS, as each packager asks for them),
  // applied the way it filters the app directory. A path ships if any OS would ship it.
  const packaged = (relative: string): boolean =>
    [config.mac, config.win, config.linux].some((platform) => {
      const matchers = getFileMatchers(config, 'files', '/app', {
        macroExpander: (pattern) => pattern,
        customBuildOptions: platform ?? {},
        globalOutDir: join(projectDir, 'release'),
        defaultSrc: projectDir,
      });
      const fileStat = statSync(join(projectDir, 'package.json'));
      return (matchers ?? [])
        .filter((matcher) => matcher.from === projectDir)
        .some((matcher) => matcher.createFilter()(join(projectDir, relative), fileStat));
    });

  it.each([
    'out/main/index.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
    'out/renderer/assets/index-abc123.js',
    // Inside app.asar, where asar integrity covers it (main/electron/packaged-config-file.ts).
    'out/app-config.json',
    'package.json',
  ])(
    'ships %s',
    (path) => expect(packaged(path)).toBe(true),
  );

  it.each([
    'main/index.ts',
    'main/auth/deep-link.ts',
    'preload/api.ts',
    'renderer/main.tsx',
    'test/unit/auth/deep-link.test.ts',
    'emulator/index.ts',
    'relay/server.ts',
    'scripts/dist.ts',
    'docs/distributing.md',
    'build/app-config.json',
    'build/entitlements.mac.plist',
    'out/main/index.js.map',
    'out/renderer/assets/index-abc123.js.map',
    '.env',
    '.env.production',
    'out/.env',
    'out/main/certificate.p12',
    'out/signing.pfx',
    'out/AuthKey_ABC123.p8',
    'electron-builder.yml',
    'tsconfig.json',
    'vitest.config.ts',
    'README.md',
  ])('does not ship %s', (path) => expect(packaged(path)).toBe(false));

  it('ships the validated app-config inside app.asar, not beside it where no integrity check reaches', () => {
    expect(config.extraResources).toBeUndefined();
    expect(config.extraFiles).toBeUndefined();
  });

  it('refuses to package without it', async () => {
    expect(config.beforePack).toBe('./build/require-app-config.mjs');
    // Loaded the way electron-builder loads hooks, so a path or export mistake fails here.
    type Hook = (context: { packager: { projectDir: string } }) => Promise<void>;
    const hook = await resolveFunction<Hook>('module', config.beforePack as string, 'default', projectDir);
    const empty = mkdtempSync(join(tmpdir(), 'pg-project-'));
    try {
      await expect(hook({ packager: { projectDir: empty } })).rejects.toThrow(/out[/\\]app-config\.json is missing\. Build installers with "npm run dist"/);
      mkdirSync(join(empty, 'out'));
      writeFileSync(join(empty, 'out', 'app-config.json'), '{}');
      await expect(hook({ packager: { projectDir: empty } })).resolves.toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('electron-builder.yml: signing and installers', () => {
  it('macOS: dmg and zip, hardened runtime, notarization from the environment', () => {
    const targets = (config.mac?.target as Array<{ target: string }>).map((t) => t.target);
    expect(targets).toEqual(['dmg', 'zip']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.notarize).toBe(true);
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac?.entitlementsInherit).toBe('build/entitlements.mac.plist');
  });

  it('Windows: per-user NSIS with no custom script, so the uninstaller is signed too', () => {
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.nsis?.oneClick).toBe(false);
    expect(config.nsis?.script).toBeUndefined();
    expect(config.win?.signtoolOptions?.signingHashAlgorithms).toEqual(['sha256']);
  });

  it('Linux: AppImage and deb', () => {
    const targets = (config.linux?.target as Array<{ target: string }>).map((t) => t.target);
    expect(targets).toEqual(['AppImage', 'deb']);
  });

  it('holds no signing material or passwords', () => {
    const text = readFileSync('electron-builder.yml', 'utf8');
    expect(text).not.toMatch(/certificateFile|certificatePassword|cscLink|cscKeyPassword|APPLE_APP_SPECIFIC_PASSWORD\s*:/);
    expect(text).not.toMatch(/secret-(test|live)-/);
  });
});

describe('build/entitlements.mac.plist', () => {
  const file = 'build/entitlements.mac.plist';

  it('exists and is well-formed XML with a plist root', () => {
    expect(existsSync(file)).toBe(true);
    const problems: string[] = [];
    const doc = new DOMParser({ errorHandler: (level: string, message: unknown) => problems.push(`${level}: ${String(message)}`) }).parseFromString(
      readFileSync(file, 'utf8'),
      'text/xml',
    );
    expect(problems).toEqual([]);
    expect(doc.documentElement?.nodeName).toBe('plist');
  });

  it('grants only what Electron needs', () => {
    // The same parser electron-builder uses for property lists.
    const plist = createRequire(import.meta.url)('plist') as { parse(xml: string): unknown };
    expect(plist.parse(readFileSync(file, 'utf8'))).toEqual({
      'com.apple.security.cs.allow-jit': true,
      'com.apple.security.cs.allow-unsigned-executable-memory': true,
    });
  });
});
