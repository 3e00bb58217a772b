// State for one piece of main-process data behind the bridge (the account, a device link,
// diagnostics): the last value, which operation is in flight, and the last failure. One
// operation at a time: a second press while one runs is ignored, as with useAuth.
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { GrimoireApi, IpcResult } from '../preload/api';
import { BridgeContext } from './bridge-context';
import { TIMED_OUT_CODE } from './deadlines';

export interface RemoteFailure<Op> {
  op: Op;
  message: string;
  /** The call ran out of time, so running it again makes sense (the alert's "Try again"). */
  timedOut: boolean;
}

export interface Remote<T, Op extends string> {
  value: T | null;
  busy: Op | null;
  failure: RemoteFailure<Op> | null;
  /** Resolves true when the call succeeded and its value was taken. */
  run: (op: Op, call: (api: GrimoireApi) => Promise<IpcResult<T>>) => Promise<boolean>;
  clearFailure: () => void;
}

const BRIDGE_MISSING = 'PromptGrimoire could not reach its background service. Quit the app and open it again.';
const CALL_CRASHED = 'Something went wrong inside PromptGrimoire. Please try again.';

export function useRemote<T, Op extends string>(): Remote<T, Op> {
  const [value, setValue] = useState<T | null>(null);
  const [busy, setBusy] = useState<Op | null>(null);
  const [failure, setFailure] = useState<RemoteFailure<Op> | null>(null);
  const busyRef = useRef(false);
  const alive = useRef(true);
  const api = useContext(BridgeContext);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(async (op: Op, call: (api: GrimoireApi) => Promise<IpcResult<T>>) => {
    if (!api) {
      setFailure({ op, message: BRIDGE_MISSING, timedOut: false });
      return false;
    }
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(op);
    setFailure(null);
    let result: IpcResult<T> | null = null;
    try {
      result = await call(api);
    } catch {
      // The bridge never rejects by contract; treat a rejection like any other failure.
    }
    busyRef.current = false;
    if (!alive.current) return false;
    setBusy(null);
    if (result?.ok) {
      setValue(result.value);
      return true;
    }
    const timedOut = result !== null && !result.ok && result.code === TIMED_OUT_CODE;
    setFailure({ op, message: result ? result.message : CALL_CRASHED, timedOut });
    return false;
  }, [api]);

  const clearFailure = useCallback(() => setFailure(null), []);
  return { value, busy, failure, run, clearFailure };
}
