// What the page really gets over IPC, checked against the contract: the page's bridge over
// main's endpoints (the same pair the e2e harness uses, minus the browser), on a real core
// against the real emulator. Main never parses its own answers; this test parses every one
// with its row's strict response schema, and every failure's code against the contract's
// codes, so a field or a code the contract does not declare fails here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CALL_FAILURE_CODES,
  createBridge,
  DIAGNOSTICS_FAILURE_CODES,
  INVOKE_CONTRACT,
  NOTICE_CODES,
  UPDATE_FAILURE_CODES,
  type GrimoireApi,
  type InvokeChannel,
  type IpcResult,
} from '../../../preload/api';
import { createIpcEndpoints } from '../../../main/ipc/endpoints';
import { createIpcHandlers } from '../../../main/ipc/handlers';
import { createCommandRunner } from '../../../main/diagnostics/command-runner';
import { createLogger } from '../../../common/log/logger';
import { createHarnessDiagnostics } from '../../e2e/targets/harness-diagnostics';
import { createHarnessUpdates } from '../../e2e/targets/harness-updates';
import { deepLinkFor, startAccountRig, type AccountRig } from '../account/rig';

const CODES = new Set<string>([...NOTICE_CODES, ...Object.values(DIAGNOSTICS_FAILURE_CODES), ...Object.values(UPDATE_FAILURE_CODES), ...Object.values(CALL_FAILURE_CODES)]);
const RESPONSES = new Map(Object.values(INVOKE_CONTRACT).map((row) => [row.channel, row.response]));

let rig: AccountRig;
afterEach(async () => rig?.cleanup());

interface Checked {
  api: GrimoireApi;
  called: Set<InvokeChannel>;
  problems: string[];
}

async function checkedBridge(): Promise<Checked> {
  rig = await startAccountRig();
  const { core, clipboard, dir } = rig.install();
  await core.start();
  const logger = createLogger(() => undefined);
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const logFilePath = join(dir, 'main.log');
  writeFileSync(logFilePath, '');
  const diagnostics = createHarnessDiagnostics({
    config: rig.config,
    currentView: () => core.view(),
    logFilePath,
    clipboard,
    logger,
    runCommand: createCommandRunner({ env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home } }),
    reachabilityTimeoutMs: 2000,
  });
  const updates = createHarnessUpdates(core, { now: () => Date.now() }, logger).policy;
  const endpoints = createIpcEndpoints(createIpcHandlers({ core, account: core.account, diagnostics, updates }, logger), logger);
  const called = new Set<InvokeChannel>();
  const problems: string[] = [];
  const invoke = async (channel: InvokeChannel, payload?: unknown): Promise<unknown> => {
    called.add(channel);
    const result = await endpoints[channel](payload);
    if (result.ok) {
      const parsed = RESPONSES.get(channel)?.safeParse(result.value);
      if (!parsed?.success) problems.push(`${channel}: ${JSON.stringify(parsed?.error.issues ?? 'no schema')}`);
    } else if (!CODES.has(result.code)) {
      problems.push(`${channel}: undeclared code ${result.code}`);
    }
    return result;
  };
  return { api: createBridge(invoke, () => () => undefined), called, problems };
}

const value = <T>(result: IpcResult<T>): T => {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
};

describe('every answer over IPC fits the contract', () => {
  it('through sign-in, the account and diagnostics screens, a render error, updates and sign-out', async () => {
    const { api, called, problems } = await checkedBridge();
    const email = 'contract@example.com';

    expect(value(await api.getView()).status).toBe('signed-out');
    expect(await api.sendLink({ email: 'x'.repeat(300) })).toMatchObject({ ok: false, code: CALL_FAILURE_CODES.invalidPayload });
    expect(value(await api.sendLink({ email })).status).toBe('link-sent');
    expect(value(await api.resend()).notice?.code).toBe('resend-too-soon');
    expect(value(await api.dismissNotice()).notice).toBeNull();
    const token = rig.emulator.latestMessage(email)?.token ?? '';
    expect(value(await api.submitLink({ link: deepLinkFor(token) }))).toMatchObject({ status: 'signed-in', email });
    expect(value(await api.confirmLink()).notice?.code).toBe('nothing-to-confirm');
    await api.cancelLink();

    expect(value(await api.getAccount()).email).toBe(email);
    expect(value(await api.signOutOtherSessions()).sessions).toHaveLength(1);
    expect(value(await api.createDeviceLink()).maskedLink).toContain('•');
    expect(value(await api.copyDeviceLink()).maskedLink).toContain('•');
    // Invites are off in this configuration: refused with a declared code.
    expect(await api.inviteUser({ email: 'guest@example.com', firstName: 'Guest', lastName: '' })).toMatchObject({ ok: false, code: 'invites-disabled' });
    await api.revokeInvite({ email: 'guest@example.com' });

    expect(value(await api.getDiagnostics()).appVersion).not.toBe('');
    await api.copyDiagnostics();
    expect(await api.fixProtocolHandler()).toMatchObject({ ok: false, code: DIAGNOSTICS_FAILURE_CODES.cannotFix });
    await api.revealLogFile();
    expect(value(await api.reportRendererError({ message: 'TypeError: x', stack: '' })).code).toBe('renderer-error');

    expect(value(await api.getUpdate()).status).toBe('idle');
    expect(await api.downloadUpdate()).toMatchObject({ ok: false, code: UPDATE_FAILURE_CODES.nothingOffered });
    expect(await api.restartToUpdate()).toMatchObject({ ok: false, code: UPDATE_FAILURE_CODES.notReady });
    expect(value(await api.dismissUpdateNotice()).notice).toBeNull();

    expect(value(await api.startOver()).status).toBe('signed-in');
    expect(value(await api.signOut()).status).toBe('signed-out');
    expect(await api.getAccount()).toMatchObject({ ok: false, code: 'not-signed-in' });

    expect(problems).toEqual([]);
    expect([...called].sort()).toEqual([...RESPONSES.keys()].sort());
  });
});
