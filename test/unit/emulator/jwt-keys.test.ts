// The signing key's persistence and the JWT signer's own signature check.
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
    expect(signer.verifySignature(jwt)).toEqual({ sub: 'user-test-1', n: 1 });
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: 'user-test-2', n: 1 })).toString('base64url')}.${signature}`;
    expect(signer.verifySignature(tampered)).toBeUndefined();
    expect(signer.verifySignature(`${header}.${payload}`)).toBeUndefined();
    const otherDir = await mkdtemp(join(tmpdir(), 'emulator-keys-'));
    try {
      const stranger = new JwtSigner(await loadOrCreateKey(otherDir));
      expect(signer.verifySignature(await stranger.sign({ sub: 'x' }))).toBeUndefined();
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
