// One table of IPC handlers, shared by the Electron ipcMain binding and the Playwright
// harness. Each takes an unknown payload, parses it with the contract's schema, calls the
// core and answers with a result; nothing is thrown across the boundary. Sender checks
// live in the Electron wrapper, not here.
// Rule: nothing here may import electron; only AuthViews and stable error codes go out.
import {
  INVOKE_CHANNELS,
  REQUEST_SCHEMAS,
  type AuthView,
  type InvokeChannel,
  type IpcResult,
  type RequestOf,
} from '../../preload/api';
import type { AppCore } from '../app-core';
import type { Logger } from '../ports';

export type IpcHandler = (payload: unknown) => Promise<IpcResult<AuthView>>;
export type IpcHandlers = Record<InvokeChannel, IpcHandler>;

export const IPC_ERROR_CODES = {
  invalidPayload: 'invalid-payload',
  internal: 'internal-error',
} as const;

function handler<C extends InvokeChannel>(
  channel: C,
  run: (request: RequestOf<C>) => Promise<AuthView>,
  logger: Logger | undefined,
): IpcHandler {
  const schema = REQUEST_SCHEMAS[channel];
  return async (payload) => {
    // safeParse on the indexed schema widens to a union; the channel pins the request type.
    const parsed = schema.safeParse(payload) as { success: true; data: RequestOf<C> } | { success: false; error: { issues: { message: string }[] } };
    if (!parsed.success) {
      logger?.warn('rejected an IPC payload', { channel, issues: parsed.error.issues.map((issue) => issue.message) });
      return { ok: false, code: IPC_ERROR_CODES.invalidPayload, message: `The request to ${channel} was not in the expected form.` };
    }
    try {
      return { ok: true, value: await run(parsed.data) };
    } catch (error) {
      logger?.error('IPC handler failed', { channel, error });
      return { ok: false, code: IPC_ERROR_CODES.internal, message: 'Something went wrong inside PromptGrimoire. Try again.' };
    }
  };
}

export function createIpcHandlers(core: AppCore, logger?: Logger): IpcHandlers {
  const C = INVOKE_CHANNELS;
  return {
    [C.getView]: handler(C.getView, () => Promise.resolve(core.view()), logger),
    [C.sendLink]: handler(C.sendLink, (request) => core.sendLink(request.email), logger),
    [C.resend]: handler(C.resend, () => core.resend(), logger),
    [C.submitLink]: handler(C.submitLink, (request) => core.submitLink(request.link), logger),
    [C.startOver]: handler(C.startOver, () => core.startOver(), logger),
    [C.dismissNotice]: handler(C.dismissNotice, () => core.dismissNotice(), logger),
    [C.signOut]: handler(C.signOut, () => core.signOut(), logger),
  };
}
