// Lists the names on the D-Bus session bus before the app is ready, with dbus-send: one
// short-lived process and a tight timeout, because this runs on the way to the first window
// (and only on Linux desktops Chromium does not recognise).
// Rule: nothing here may import electron; nothing here throws.
import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { BusNames } from './password-store';

export const BUS_TIMEOUT_MS = 300;

export interface BusEnv {
  DBUS_SESSION_BUS_ADDRESS?: string | undefined;
  XDG_RUNTIME_DIR?: string | undefined;
}

type Run = (command: string, args: string[], options: { env: NodeJS.ProcessEnv; timeout: number; encoding: 'utf8' }) => Pick<SpawnSyncReturns<string>, 'status' | 'stdout' | 'error'>;

// Local sockets only: libdbus also takes 'unixexec:' (runs a program) and 'tcp:' addresses,
// and nothing from the environment may make start-up run a program or call out.
const LOCAL_SOCKET = /^unix:(path|abstract|dir|tmpdir|runtime)=[^;]+$/;

/** The bus address, or null: without one dbus-send would try to launch a bus of its own. */
export function sessionBusAddress(env: BusEnv, exists: (path: string) => boolean = existsSync): string | null {
  const given = env.DBUS_SESSION_BUS_ADDRESS?.trim();
  if (given) return given.split(';').find((address) => LOCAL_SOCKET.test(address.trim()))?.trim() ?? null;
  // systemd's user bus, which libdbus also finds without the variable.
  const socket = env.XDG_RUNTIME_DIR ? `${env.XDG_RUNTIME_DIR}/bus` : null;
  return socket !== null && exists(socket) ? `unix:path=${socket}` : null;
}

/** Names in dbus-send's `--print-reply=literal` answer to ListNames. */
export function parseNames(output: string): ReadonlySet<string> {
  return new Set(output.split(/\s+/).filter((token) => /^[A-Za-z_][\w.-]*\.[\w.-]+$/.test(token)));
}

// child_process costs a couple of ms to load on the way to the first window, and most starts
// never ask the bus: it loads only when one does.
const spawnWhenNeeded: Run = (command, args, options) => process.getBuiltinModule('node:child_process').spawnSync(command, args, options);

export function listSessionBusNames(env: BusEnv, run: Run = spawnWhenNeeded): BusNames {
  const address = sessionBusAddress(env);
  if (address === null) return { ok: false, reason: 'no session bus on a local socket' };
  const answer = run(
    'dbus-send',
    ['--session', '--print-reply=literal', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListNames'],
    { env: { DBUS_SESSION_BUS_ADDRESS: address, PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeout: BUS_TIMEOUT_MS, encoding: 'utf8' },
  );
  if (answer.error !== undefined) {
    const code = (answer.error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'dbus-send is not installed' : code === 'ETIMEDOUT' ? `no answer within ${BUS_TIMEOUT_MS} ms` : String(code) };
  }
  if (answer.status !== 0) return { ok: false, reason: `dbus-send exited with ${String(answer.status)}` };
  return { ok: true, names: parseNames(answer.stdout) };
}
