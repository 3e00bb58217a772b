// One table of IPC handlers, shared by the Electron ipcMain binding and the Playwright
// harness. Each takes an unknown payload, parses it with the contract's schema, calls the
// core and answers with a result; nothing is thrown across the boundary. Sender checks
// live in the Electron wrapper, not here.
// Rule: nothing here may import electron; only AuthViews and stable error codes go out.
import {
  INVOKE_CHANNELS,
  REQUEST_SCHEMAS,
  type InvokeChannel,
  type IpcResult,
  type RequestOf,
  type ResponseOf,
} from '../../preload/api';
import type { AppCore } from '../app-core';
import type { Logger } from '../../common/ports';
import type { AccountService, DiagnosticsService } from '../services';
import type { UpdatePolicy } from '../updates/update-policy';

export type IpcHandler<C extends InvokeChannel = InvokeChannel> = (payload: unknown) => Promise<IpcResult<ResponseOf<C>>>;
export type IpcHandlers = { [C in InvokeChannel]: IpcHandler<C> };

export interface IpcServices {
  core: AppCore;
  account: AccountService;
  diagnostics: DiagnosticsService;
  updates: Pick<UpdatePolicy, 'view' | 'download' | 'restart' | 'dismissNotice'>;
}

/** The stable code a page's render error is logged under; support searches the log for it. */
export const RENDERER_ERROR_CODE = 'renderer-error';

export const IPC_ERROR_CODES = {
  invalidPayload: 'invalid-payload',
  internal: 'internal-error',
} as const;

function handler<C extends InvokeChannel>(
  channel: C,
  run: (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>,
  logger: Logger | undefined,
): IpcHandler<C> {
  const schema = REQUEST_SCHEMAS[channel];
  return async (payload) => {
    // safeParse on the indexed schema widens to a union; the channel pins the request type.
    const parsed = schema.safeParse(payload) as { success: true; data: RequestOf<C> } | { success: false; error: { issues: { message: string }[] } };
    if (!parsed.success) {
      logger?.warn('rejected an IPC payload', { channel, issues: parsed.error.issues.map((issue) => issue.message) });
      return { ok: false, code: IPC_ERROR_CODES.invalidPayload, message: `The request to ${channel} was not in the expected form.` };
    }
    try {
      return await run(parsed.data);
    } catch (error) {
      logger?.error('IPC handler failed', { channel, error });
      return { ok: false, code: IPC_ERROR_CODES.internal, message: 'Something went wrong inside PromptGrimoire. Try again.' };
    }
  };
}

/** The sign-in core answers with views; wrap them as successful results. */
const ok = async <T>(value: Promise<T> | T): Promise<IpcResult<T>> => ({ ok: true, value: await value });

export function createIpcHandlers(services: IpcServices, logger?: Logger): IpcHandlers {
  const { core, account, diagnostics, updates } = services;
  const C = INVOKE_CHANNELS;
  return {
    [C.getView]: handler(C.getView, () => ok(core.view()), logger),
    [C.sendLink]: handler(C.sendLink, (request) => ok(core.sendLink(request.email)), logger),
    [C.resend]: handler(C.resend, () => ok(core.resend()), logger),
    [C.submitLink]: handler(C.submitLink, (request) => ok(core.submitLink(request.link)), logger),
    [C.confirmLink]: handler(C.confirmLink, () => ok(core.confirmLink()), logger),
    [C.cancelLink]: handler(C.cancelLink, () => ok(core.cancelLink()), logger),
    [C.startOver]: handler(C.startOver, () => ok(core.startOver()), logger),
    [C.dismissNotice]: handler(C.dismissNotice, () => ok(core.dismissNotice()), logger),
    [C.signOut]: handler(C.signOut, () => ok(core.signOut()), logger),
    [C.getAccount]: handler(C.getAccount, () => account.get(), logger),
    [C.signOutOtherSessions]: handler(C.signOutOtherSessions, () => account.signOutOtherSessions(), logger),
    [C.createDeviceLink]: handler(C.createDeviceLink, () => account.createDeviceLink(), logger),
    [C.copyDeviceLink]: handler(C.copyDeviceLink, () => account.copyDeviceLink(), logger),
    [C.inviteUser]: handler(C.inviteUser, (request) => account.invite(request), logger),
    [C.revokeInvite]: handler(C.revokeInvite, (request) => account.revokeInvite(request.email), logger),
    [C.getDiagnostics]: handler(C.getDiagnostics, () => diagnostics.get(), logger),
    [C.copyDiagnostics]: handler(C.copyDiagnostics, () => diagnostics.copy(), logger),
    [C.fixProtocolHandler]: handler(C.fixProtocolHandler, () => diagnostics.fixProtocolHandler(), logger),
    [C.revealLogFile]: handler(C.revealLogFile, () => diagnostics.revealLogFile(), logger),
    [C.getUpdate]: handler(C.getUpdate, () => ok(updates.view()), logger),
    [C.downloadUpdate]: handler(C.downloadUpdate, () => updates.download(), logger),
    [C.restartToUpdate]: handler(C.restartToUpdate, () => updates.restart(), logger),
    [C.dismissUpdateNotice]: handler(C.dismissUpdateNotice, () => ok(updates.dismissNotice()), logger),
    [C.reportRendererError]: handler(
      C.reportRendererError,
      (report) => {
        // The logger redacts message and stack like every other line.
        logger?.error('the page hit a render error', { code: RENDERER_ERROR_CODE, message: report.message, stack: report.stack });
        return ok({ code: RENDERER_ERROR_CODE });
      },
      logger,
    ),
  };
}
