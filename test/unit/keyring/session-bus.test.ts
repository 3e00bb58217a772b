import { describe, expect, it } from 'vitest';
import { BUS_TIMEOUT_MS, listSessionBusNames, parseNames, sessionBusAddress } from '../../../main/keyring/session-bus';

// What `dbus-send --print-reply=literal … ListNames` prints.
const LITERAL = `   array [
      org.freedesktop.DBus
      :1.3
      org.freedesktop.secrets
      :1.7
   ]
`;

describe('session bus names', () => {
  it('reads the names out of dbus-send’s literal answer', () => {
    expect([...parseNames(LITERAL)]).toEqual(['org.freedesktop.DBus', 'org.freedesktop.secrets']);
  });

  it('asks the bus once, with the address it found and a tight timeout', () => {
    const calls: { args: string[]; env: NodeJS.ProcessEnv; timeout: number }[] = [];
    const listed = listSessionBusNames({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }, (_command, args, options) => {
      calls.push({ args, env: options.env, timeout: options.timeout });
      return { status: 0, stdout: LITERAL, error: undefined };
    });
    expect(listed).toEqual({ ok: true, names: new Set(['org.freedesktop.DBus', 'org.freedesktop.secrets']) });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.env.DBUS_SESSION_BUS_ADDRESS).toBe('unix:path=/run/user/1000/bus');
    expect(calls[0]?.timeout).toBe(BUS_TIMEOUT_MS);
  });

  it('never lets dbus-send launch a bus of its own: no address, no call', () => {
    expect(sessionBusAddress({}, () => false)).toBeNull();
    expect(sessionBusAddress({ XDG_RUNTIME_DIR: '/run/user/1000' }, (path) => path === '/run/user/1000/bus')).toBe('unix:path=/run/user/1000/bus');
    expect(listSessionBusNames({}, () => {
      throw new Error('must not run');
    })).toEqual({ ok: false, reason: 'no session bus on a local socket' });
  });

  it('never runs a program or calls out over the network because the environment says so', () => {
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'unixexec:path=/tmp/evil,argv0=x' })).toBeNull();
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=attacker.example,port=1' })).toBeNull();
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/tmp/x;unixexec:path=/tmp/evil' })).toBe('unix:path=/tmp/x');
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'unixexec:path=/tmp/evil;unix:path=/run/user/1000/bus' })).toBe('unix:path=/run/user/1000/bus');
  });

  it('takes the addresses desktops really use', () => {
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toBe('unix:path=/run/user/1000/bus');
    expect(sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-Xq1,guid=0123abcd' })).toBe('unix:abstract=/tmp/dbus-Xq1,guid=0123abcd');
  });

  it('turns a missing dbus-send, a hung bus and a failure into reasons', () => {
    const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/tmp/bus' };
    const failing = (code: string) => () => ({ status: null, stdout: '', error: Object.assign(new Error(code), { code }) });
    expect(listSessionBusNames(env, failing('ENOENT'))).toEqual({ ok: false, reason: 'dbus-send is not installed' });
    expect(listSessionBusNames(env, failing('ETIMEDOUT'))).toEqual({ ok: false, reason: `no answer within ${BUS_TIMEOUT_MS} ms` });
    expect(listSessionBusNames(env, () => ({ status: 1, stdout: '', error: undefined }))).toEqual({ ok: false, reason: 'dbus-send exited with 1' });
  });
});
