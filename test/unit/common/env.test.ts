import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { booleanVar, choiceVar, integerVar, originVar, readEnv, signUpPolicyVar, textVar } from '../../../common/config/env';

function read<T>(schema: z.ZodType<T>, env: Record<string, string | undefined>) {
  return readEnv(schema, env);
}

describe('environment variables, one style for app and relay', () => {
  it('treats unset, empty and blank alike: not given', () => {
    const schema = z.object({ N: integerVar('N', 1, 9), T: textVar() });
    for (const value of [undefined, '', '   ', '\t\n']) expect(read(schema, { N: value, T: value })).toEqual({ ok: true, vars: { N: undefined, T: undefined } });
    expect(read(schema, { T: '  padded ' })).toEqual({ ok: true, vars: { N: undefined, T: 'padded' } });
  });

  it('reads whole numbers in range, and names the variable for anything else', () => {
    const schema = z.object({ N: integerVar('N', 5, 100) });
    expect(read(schema, { N: ' 42 ' })).toEqual({ ok: true, vars: { N: 42 } });
    for (const raw of ['1e2', '0x10', '+5', '-5', '5.0', '٤٢', 'five', '12 3']) {
      expect(read(schema, { N: raw }), raw).toEqual({ ok: false, errors: [`N must be a whole number, got "${raw}".`] });
    }
    expect(read(schema, { N: '4' })).toEqual({ ok: false, errors: ['N must be between 5 and 100, got 4.'] });
    expect(read(schema, { N: '99999999999999999999999' })).toEqual({ ok: false, errors: ['N must be between 5 and 100, got 1e+23.'] });
  });

  it('reports every wrong variable, in schema order', () => {
    const schema = z.object({ A: integerVar('A', 1, 2), B: booleanVar('B'), C: choiceVar('C', ['x', 'y']) });
    expect(read(schema, { A: 'a', B: 'b', C: 'c' })).toEqual({
      ok: false,
      errors: ['A must be a whole number, got "a".', 'B must be true or false, got "b".', 'C must be one of x, y, got "c".'],
    });
  });

  it('reads the sign-up policy by its name or its older alias, and nothing near it', () => {
    const schema = z.object({ P: signUpPolicyVar('P') });
    expect(read(schema, { P: 'open' })).toEqual({ ok: true, vars: { P: 'open' } });
    expect(read(schema, { P: 'login-or-create' })).toEqual({ ok: true, vars: { P: 'open' } });
    expect(read(schema, { P: 'existing-users-only' })).toEqual({ ok: true, vars: { P: 'existing-users-only' } });
    for (const raw of ['OPEN', 'toString', '__proto__', 'constructor', 'login-or-create\u200b']) {
      expect(read(schema, { P: raw }), raw).toEqual({ ok: false, errors: [`P must be one of open, existing-users-only, got "${raw}".`] });
    }
  });

  it('takes an https origin, or plain http on loopback only, and nothing that would be silently cut', () => {
    const schema = z.object({ U: originVar('U', 'https://api.example.com') });
    expect(read(schema, { U: 'https://api.example.com/' })).toEqual({ ok: true, vars: { U: 'https://api.example.com' } });
    for (const loopback of ['http://127.0.0.1:4578', 'http://localhost:1', 'http://[::1]:8', 'http://LOCALHOST:2']) {
      expect(read(schema, { U: loopback }).ok, loopback).toBe(true);
    }
    expect(read(schema, { U: 'http://127.0.0.1.evil.example' })).toEqual({
      ok: false,
      errors: ['U must use https (plain http is allowed only for 127.0.0.1, localhost or [::1]), got "http://127.0.0.1.evil.example".'],
    });
    for (const raw of ['https://api.example.com/v1', 'https://user:pw@api.example.com', 'https://api.example.com/?a=1', 'https://api.example.com/#x']) {
      expect(read(schema, { U: raw }), raw).toEqual({ ok: false, errors: [`U must be a bare origin such as https://api.example.com, got "${raw}".`] });
    }
    expect(read(schema, { U: 'api.example.com' })).toEqual({ ok: false, errors: ['U is not a URL: "api.example.com".'] });
  });
});
