// What each IPC call does: one handler per row of the contract, keyed by the page's method
// name. A handler gets its request already parsed with the row's schema (main/ipc/endpoints.ts
// does that, and catches what a handler throws), calls the core and answers with a result.
// Sender checks live in the Electron wrapper, not here.
// Rule: nothing here may import electron; only views and stable error codes go out.
import type { IpcResult, InvokeMethod, RequestOf, ResponseOf } from '../../preload/api';
import type { AppCore } from '../app-core';
import type { Logger } from '../../common/ports';
import type { AccountService, DiagnosticsService } from '../services';
import type { UpdatePolicy } from '../updates/update-policy';

/** The handler map's type, derived from the contract: a missing or mistyped handler does not compile. */
export type IpcHandlers = { readonly [M in InvokeMethod]: (request: RequestOf<M>) => Promise<IpcResult<ResponseOf<M>>> };

export interface IpcServices {
  core: AppCore;
  account: AccountService;
  diagnostics: DiagnosticsService;
  updates: Pick<UpdatePolicy, 'view' | 'download' | 'restart' | 'dismissNotice'>;
}

/** The stable code a page's render error is logged under; support searches the log for it. */
export const RENDERER_ERROR_CODE = 'renderer-error';

/** The sign-in core answers with views; wrap them as successful results. */
const ok = async <T>(value: Promise<T> | T): Promise<IpcResult<T>> => ({ ok: true, value: await value });

export function createIpcHandlers({ core, account, diagnostics, updates }: IpcServices, logger: Logger): IpcHandlers {
  return {
    getView: () => ok(core.view()),
    sendLink: ({ email }) => ok(core.sendLink(email)),
    resend: () => ok(core.resend()),
    submitLink: ({ link }) => ok(core.submitLink(link)),
    confirmLink: () => ok(core.confirmLink()),
    cancelLink: () => ok(core.cancelLink()),
    startOver: () => ok(core.startOver()),
    dismissNotice: () => ok(core.dismissNotice()),
    signOut: () => ok(core.signOut()),
    getAccount: () => account.get(),
    signOutOtherSessions: () => account.signOutOtherSessions(),
    createDeviceLink: () => account.createDeviceLink(),
    copyDeviceLink: () => account.copyDeviceLink(),
    inviteUser: (invite) => account.invite(invite),
    revokeInvite: ({ email }) => account.revokeInvite(email),
    getDiagnostics: () => diagnostics.get(),
    copyDiagnostics: () => diagnostics.copy(),
    fixProtocolHandler: () => diagnostics.fixProtocolHandler(),
    revealLogFile: () => diagnostics.revealLogFile(),
    getUpdate: () => ok(updates.view()),
    downloadUpdate: () => updates.download(),
    restartToUpdate: () => updates.restart(),
    dismissUpdateNotice: () => ok(updates.dismissNotice()),
    reportRendererError: (report) => {
      // The logger redacts message and stack like every other line.
      logger.error('the page hit a render error', { code: RENDERER_ERROR_CODE, message: report.message, stack: report.stack });
      return ok({ code: RENDERER_ERROR_CODE });
    },
  };
}
