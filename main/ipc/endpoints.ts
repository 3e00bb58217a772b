// The one place an IPC payload meets its handler: look the channel up in the contract, parse
// the payload with the row's request schema, run the handler, and turn anything it throws
// into a result. Both the Electron binding (main/electron/ipc.ts) and the e2e harness call
// these endpoints, so a page meets the same checks and the same failures on either.
// Rule: nothing here may import electron; nothing thrown leaves an endpoint.
import { CALL_FAILURE_CODES, INVOKE_CONTRACT, type InvokeChannel, type InvokeMethod, type IpcResult } from '../../preload/api';
import type { Logger } from '../../common/ports';
import type { IpcHandlers } from './handlers';

/** Answers one channel's raw payload; never rejects. */
export type IpcEndpoint = (payload: unknown) => Promise<IpcResult<unknown>>;
export type IpcEndpoints = Readonly<Record<InvokeChannel, IpcEndpoint>>;

export const INVALID_PAYLOAD_MESSAGE = 'PromptGrimoire could not understand that request. Try again; if it keeps happening, restart PromptGrimoire.';
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong inside PromptGrimoire. Try again; if it keeps happening, restart PromptGrimoire.';

/**
 * What was wrong, never what was sent: a zod message can quote the payload (an unknown key's
 * name, say), and a hostile page chooses those, so the log gets each issue's kind and where,
 * a few of them, cut short.
 */
function issueSummary(issues: readonly { code: string; path: readonly PropertyKey[] }[]): string[] {
  const where = (path: readonly PropertyKey[]) => path.map((key) => String(key).slice(0, 40)).join('.') || '(payload)';
  return issues.slice(0, 5).map((issue) => `${issue.code} at ${where(issue.path)}`);
}

function endpoint<M extends InvokeMethod>(method: M, handlers: IpcHandlers, logger: Logger): IpcEndpoint {
  const { channel, request } = INVOKE_CONTRACT[method];
  // Indexing the handler map by a generic key widens its parameter to every request at
  // once; the schema of the same row is what makes the parsed value fit.
  const handle = handlers[method] as (request: unknown) => Promise<IpcResult<unknown>>;
  return async (payload) => {
    const parsed = request.safeParse(payload);
    if (!parsed.success) {
      logger.warn('ipc: refused a payload', { channel, issues: issueSummary(parsed.error.issues) });
      return { ok: false, code: CALL_FAILURE_CODES.invalidPayload, message: INVALID_PAYLOAD_MESSAGE };
    }
    try {
      return await handle(parsed.data);
    } catch (error) {
      logger.error('ipc: a handler threw', { channel, error });
      return { ok: false, code: CALL_FAILURE_CODES.internal, message: INTERNAL_ERROR_MESSAGE };
    }
  };
}

/** One endpoint per row of the contract, keyed by its channel. */
export function createIpcEndpoints(handlers: IpcHandlers, logger: Logger): IpcEndpoints {
  const endpoints = {} as Record<InvokeChannel, IpcEndpoint>;
  for (const method of Object.keys(INVOKE_CONTRACT) as InvokeMethod[]) {
    endpoints[INVOKE_CONTRACT[method].channel] = endpoint(method, handlers, logger);
  }
  return Object.freeze(endpoints);
}
