// The signed-in person's account (sessions, pending invites), loaded when the account view
// appears. Sessions and invites share it: each of their actions answers with the whole
// updated account.
import { useEffect } from 'react';
import type { AccountView } from '../preload/api';
import { useRemote } from './use-remote';
import type { Remote } from './use-remote';

export type AccountOp = 'load' | 'sign-out-others' | 'invite' | 'revoke';
export type Account = Remote<AccountView, AccountOp>;

export function useAccount(): Account {
  const account = useRemote<AccountView, AccountOp>();
  const { run } = account;
  useEffect(() => {
    void run('load', (api) => api.getAccount());
  }, [run]);
  return account;
}
