// The layers are enforced by `npm run lint`, not by review: code that crosses a zone fails
// with the rule's message. Linted here as text at a path inside each zone, with the
// project's own ESLint configuration (type-aware rules off: the probe files do not exist).
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ overrideConfig: tseslint.configs.disableTypeChecked });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('lint zones', () => {
  it('the relay and the emulator may not import the app', async () => {
    for (const filePath of ['relay/zone-probe.ts', 'emulator/routes/zone-probe.ts']) {
      const depth = filePath.split('/').length - 1;
      const up = '../'.repeat(depth);
      expect(await importErrors(filePath, `import { loadConfig } from '${up}main/config';\nexport const probe = loadConfig;\n`)).toEqual([
        expect.stringContaining('relay/ and emulator/ import only common/'),
      ]);
    }
  }, 60_000);

  it('they may import common/', async () => {
    expect(await importErrors('relay/zone-probe.ts', "import { redactText } from '../common/log/redact';\nexport const probe = redactText;\n")).toEqual([]);
  }, 60_000);

  it('common/ imports none of the programs', async () => {
    expect(await importErrors('common/zone-probe.ts', "import { startRelay } from '../relay/server';\nexport const probe = startRelay;\n")).toEqual([
      expect.stringContaining('common/ is shared by every program'),
    ]);
  }, 60_000);

  it("the app's core may not import electron", async () => {
    expect(await importErrors('main/auth/zone-probe.ts', "import { app } from 'electron';\nexport const probe = app;\n")).toEqual([
      expect.stringContaining("Only main/index.ts, main/electron/* and preload/index.ts may import 'electron'"),
    ]);
    expect(await importErrors('main/electron/zone-probe.ts', "import { app } from 'electron';\nexport const probe = app;\n")).toEqual([]);
  }, 60_000);

  it('only the Electron adapters may import electron-updater, which imports electron', async () => {
    const probe = "import { autoUpdater } from 'electron-updater';\nexport const probe = autoUpdater;\n";
    for (const filePath of ['main/updates/zone-probe.ts', 'main/menus/zone-probe.ts', 'renderer/zone-probe.ts']) {
      expect(await importErrors(filePath, probe)).toEqual([expect.stringContaining("Only main/electron/updater.ts loads 'electron-updater'")]);
    }
    expect(await importErrors('main/electron/zone-probe.ts', probe)).toEqual([]);
  }, 60_000);
});
