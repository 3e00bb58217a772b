// The services behind the account and diagnostics screens, as the IPC table sees them.
// Each answers with a result, never a throw, and never carries a token or secret.
// Rule: nothing here may import electron.
import type { AccountView, DeviceLinkView, DiagnosticsView, IpcResult, RequestOf } from '../preload/api';

export interface AccountService {
  get(): Promise<IpcResult<AccountView>>;
  signOutOtherSessions(): Promise<IpcResult<AccountView>>;
  /** Mints a short-lived link for this account to open on another computer. */
  createDeviceLink(): Promise<IpcResult<DeviceLinkView>>;
  /** Puts the current device link on the clipboard from the main process. */
  copyDeviceLink(): Promise<IpcResult<DeviceLinkView>>;
  invite(request: RequestOf<'inviteUser'>): Promise<IpcResult<AccountView>>;
  revokeInvite(email: string): Promise<IpcResult<AccountView>>;
}

export interface DiagnosticsService {
  get(): Promise<IpcResult<DiagnosticsView>>;
  /** Puts the text report on the clipboard. */
  copy(): Promise<IpcResult<DiagnosticsView>>;
  /** Makes this app the handler of promptgrimoire:// where the OS allows it. */
  fixProtocolHandler(): Promise<IpcResult<DiagnosticsView>>;
  revealLogFile(): Promise<IpcResult<DiagnosticsView>>;
}
