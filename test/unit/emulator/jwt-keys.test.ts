// The signing key's persistence and the JWT signer's own signature check.
import { createHmac, sign } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JwtSigner } from '../../../emulator/jwt';
import { loadOrCreateKey } from '../../../emulator/keys';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-keys-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('loadOrCreateKey', () => {
  it('creates an RSA-2048 key readable by its owner only, and loads the same key next time', async () => {
    const first = await loadOrCreateKey(dir);
    expect(first.kid).toMatch(/^jwk-test-/);
    expect(first.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(statSync(join(dir, 'signing-key.json')).mode & 0o777).toBe(0o600);
    const second = await loadOrCreateKey(dir);
    expect(second.kid).toBe(first.kid);
    expect(second.jwk).toEqual(first.jwk);
    expect(first.jwk).toMatchObject({ kty: 'RSA', use: 'sig', key_ops: ['verify'], alg: 'RS256', e: 'AQAB' });
  });

  it('refuses a file that is not a signing key rather than silently replacing it', async () => {
    await writeFile(join(dir, 'signing-key.json'), JSON.stringify({ hello: 'world' }));
    await expect(loadOrCreateKey(dir)).rejects.toThrow(/not an emulator signing key/);
    expect(JSON.parse(await readFile(join(dir, 'signing-key.json'), 'utf8'))).toEqual({ hello: 'world' });
  });
});

describe('JwtSigner', () => {
  it('signs RS256 JWTs with typ JWT and reads back only its own, untampered ones', async () => {
    const signer = new JwtSigner(await loadOrCreateKey(dir));
    const jwt = await signer.sign({ sub: 'user-test-1', n: 1 });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(await signer.verifySignature(jwt)).toEqual({ sub: 'user-test-1', n: 1 });
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: 'user-test-2', n: 1 })).toString('base64url')}.${signature}`;
    expect(await signer.verifySignature(tampered)).toBeUndefined();
    expect(await signer.verifySignature(`${header}.${payload}`)).toBeUndefined();
    const otherDir = await mkdtemp(join(tmpdir(), 'emulator-keys-'));
    try {
      const stranger = new JwtSigner(await loadOrCreateKey(otherDir));
      expect(await signer.verifySignature(await stranger.sign({ sub: 'x' }))).toBeUndefined();
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('signs the same header, member order included, and the same JWT for the same payload within a second', async () => {
    const key = await loadOrCreateKey(dir);
    const signer = new JwtSigner(key);
    const payload = JSON.stringify({ sub: 'user-test-1', exp: 1 });
    const jwt = await signer.signJson(payload);
    expect(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()).toBe(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' }));
    expect(jwt.split('.')[1]).toBe(Buffer.from(payload).toString('base64url'));
    // RS256 is deterministic: what node:crypto signs over the same input is the same signature.
    const [header = '', body = '', signature = ''] = jwt.split('.');
    expect(sign('sha256', Buffer.from(`${header}.${body}`), key.privateKey).toString('base64url')).toBe(signature);
    expect(await signer.signJson(payload)).toBe(jwt);
    // Past its exp it is still this emulator's JWT: expiry is the session's business.
    expect(await signer.verifySignature(jwt)).toEqual({ sub: 'user-test-1', exp: 1 });
  });

  it('reads back nothing unsigned, nothing keyed with its public key as an HMAC secret, nothing malformed', async () => {
    const key = await loadOrCreateKey(dir);
    const signer = new JwtSigner(key);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = encode({ sub: 'user-test-1', 'https://stytch.com/session': { id: 'session-test-1' } });
    expect(await signer.verifySignature(`${encode({ alg: 'none', kid: key.kid, typ: 'JWT' })}.${body}.`)).toBeUndefined();
    const hsInput = `${encode({ alg: 'HS256', kid: key.kid, typ: 'JWT' })}.${body}`;
    const pem = key.publicKey.export({ type: 'spki', format: 'pem' });
    expect(await signer.verifySignature(`${hsInput}.${createHmac('sha256', pem).update(hsInput).digest('base64url')}`)).toBeUndefined();
    for (const junk of ['', 'a.b.c', '...', 'x'.repeat(5000), `${hsInput}.%%%`]) expect(await signer.verifySignature(junk)).toBeUndefined();
  });
});
