// The layers are enforced by `npm run lint`, not by review: code that crosses a zone fails
// with the rule's message. Linted here as text at a path inside each zone, with the
// project's own ESLint configuration (type-aware rules off: the probe files do not exist).
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ overrideConfig: tseslint.configs.disableTypeChecked });

const IMPORT_RULES = new Set(['no-restricted-imports', '@typescript-eslint/no-restricted-imports', '@typescript-eslint/no-import-type-side-effects']);

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => IMPORT_RULES.has(message.ruleId ?? '')).map((message) => message.message);
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

  describe('the renderer', () => {
    const TYPES_ONLY = 'The renderer imports only types from common/ and preload/';
    const NO_PROGRAMS = 'The renderer reaches the main process only through window.grimoire';

    it('may not import a value from preload/ or common/', async () => {
      expect(await importErrors('renderer/zone-probe.ts', "import { createBridge } from '../preload/api';\nexport const probe = createBridge;\n")).toEqual([
        expect.stringContaining(TYPES_ONLY),
      ]);
      expect(await importErrors('renderer/components/zone-probe.tsx', "import { redactText } from '../../common/log/redact';\nexport const probe = redactText;\n")).toEqual([
        expect.stringContaining(TYPES_ONLY),
      ]);
      // Mixed: the value drags the module (and zod) in, whatever else is a type.
      expect(await importErrors('renderer/zone-probe.ts', "import { EMAIL_MAX_LENGTH, type AuthView } from '../preload/api';\nexport const probe: [number, AuthView | null] = [EMAIL_MAX_LENGTH, null];\n")).toEqual([
        expect.stringContaining(TYPES_ONLY),
      ]);
    }, 60_000);

    it('may not write a type import that still loads the module', async () => {
      expect(await importErrors('renderer/zone-probe.ts', "import { type AuthView } from '../preload/api';\nexport type Probe = AuthView;\n")).toEqual([
        expect.stringContaining('top-level type qualifier'),
      ]);
    }, 60_000);

    it('may not import main/, relay/, emulator/, Node or electron, not even a type', async () => {
      for (const code of [
        "import type { AppConfig } from '../main/config';\nexport type Probe = AppConfig;\n",
        "import { startRelay } from '../relay/server';\nexport const probe = startRelay;\n",
        "import { startEmulator } from '../emulator/index';\nexport const probe = startEmulator;\n",
        "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
      ]) {
        expect(await importErrors('renderer/zone-probe.ts', code)).toEqual([expect.stringContaining(NO_PROGRAMS)]);
      }
      expect(await importErrors('renderer/zone-probe.ts', "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n")).toEqual([
        expect.stringContaining("may import 'electron'"),
      ]);
    }, 60_000);

    it('may import types from preload/ and common/, React and its own modules', async () => {
      const code = [
        "import type { AuthView, GrimoireApi } from '../preload/api';",
        "import type * as Contract from '../preload/api';",
        "import type { Logger } from '../common/ports';",
        "import { useState } from 'react';",
        "import { emailProblem } from './format';",
        "import './styles/theme.css';",
        'export type Probe = [AuthView, GrimoireApi, Logger, typeof Contract.EMAIL_MAX_LENGTH];',
        'export const probe = [useState, emailProblem];',
        '',
      ].join('\n');
      expect(await importErrors('renderer/zone-probe.tsx', code)).toEqual([]);
    }, 60_000);
  });

  it('only the Electron adapters may import electron-updater, which imports electron', async () => {
    const probe = "import { autoUpdater } from 'electron-updater';\nexport const probe = autoUpdater;\n";
    for (const filePath of ['main/updates/zone-probe.ts', 'main/menus/zone-probe.ts', 'renderer/zone-probe.ts']) {
      expect(await importErrors(filePath, probe)).toEqual([expect.stringContaining("Only main/electron/updater.ts loads 'electron-updater'")]);
    }
    expect(await importErrors('main/electron/zone-probe.ts', probe)).toEqual([]);
  }, 60_000);

  it("main's core may not import electron-store or electron-log; the adapters and tests may", async () => {
    const probes: ReadonlyArray<readonly [string, string]> = [
      ['electron-store', "import Store from 'electron-store';\nexport const probe = Store;\n"],
      ['electron-log/main', "import log from 'electron-log/main';\nexport const probe = log;\n"],
    ];
    for (const [name, code] of probes) {
      for (const filePath of ['main/session/zone-probe.ts', 'main/auth/zone-probe.ts', 'main/app-core-probe.ts']) {
        expect(await importErrors(filePath, code)).toEqual([expect.stringContaining(`Only main/index.ts and main/electron/* may import '${name}'`)]);
      }
      expect(await importErrors('main/electron/zone-probe.ts', code)).toEqual([]);
      expect(await importErrors('test/unit/zone-probe.test.ts', code)).toEqual([]);
    }
  }, 60_000);
});
