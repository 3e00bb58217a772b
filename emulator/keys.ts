// The RSA signing key. The rule: one RSA-2048 key per data dir, created on first start and
// reused on every later start, so JWKS caches (jose keeps them 10 minutes and will not refetch
// within 30 s) stay valid across emulator restarts.
import { createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasIdShape, newId } from './ids';

const KEY_FILE = 'signing-key.json';

export interface Jwk {
  kty: 'RSA';
  use: 'sig';
  key_ops: ['verify'];
  alg: 'RS256';
  kid: string;
  x5c: string[];
  x5tS256: string;
  n: string;
  e: string;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: Jwk;
}

interface StoredKey {
  kid: string;
  private_key_pem: string;
}

function isStoredKey(value: unknown): value is StoredKey {
  const v = value as Partial<StoredKey> | null;
  return typeof v?.kid === 'string' && hasIdShape('jwk', v.kid) && typeof v.private_key_pem === 'string';
}

function fromPem(kid: string, pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const exported = publicKey.export({ format: 'jwk' });
  if (typeof exported.n !== 'string' || typeof exported.e !== 'string') throw new Error('signing key is not RSA');
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { kty: 'RSA', use: 'sig', key_ops: ['verify'], alg: 'RS256', kid, x5c: [], x5tS256: '', n: exported.n, e: exported.e },
  };
}

async function readStored(path: string): Promise<StoredKey | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isStoredKey(parsed)) throw new Error(`${path} is not an emulator signing key; delete it to make a new one`);
  return parsed;
}

function generatePem(): Promise<string> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } },
      (err, _publicKey, privateKey) => (err ? reject(err) : resolve(privateKey)),
    );
  });
}

export async function loadOrCreateKey(dataDir: string): Promise<SigningKey> {
  const path = join(dataDir, KEY_FILE);
  const stored = await readStored(path);
  if (stored) return fromPem(stored.kid, stored.private_key_pem);
  await mkdir(dataDir, { recursive: true });
  const fresh: StoredKey = { kid: newId('jwk'), private_key_pem: await generatePem() };
  // A private key: readable by its owner only.
  await writeFile(path, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  return fromPem(fresh.kid, fresh.private_key_pem);
}
