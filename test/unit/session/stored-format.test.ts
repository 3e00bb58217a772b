// The store file as the app wrote it before its storage layers were merged (the fixture
// was written by that code: electron-store options over conf, the cached store, the vault,
// the verifier store and the revoke queue, with the AES-GCM test cipher under KEY). An
// existing user's sealed session, pending revokes and verifiers must still open after the
// upgrade.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type { Options } from 'electron-store';
import { afterEach, describe, expect, it } from 'vitest';
import { openSessionStore, storeFilePath, type StoreBacking } from '../../../main/electron/session-store';
import { createSessionVault } from '../../../main/session/session-vault';
import { createVerifierStore } from '../../../main/session/verifier-store';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createManualClock } from '../../fixtures/manual-clock';
import { recordingLogger } from '../electron/stand-ins';

const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const FIXTURE = join(import.meta.dirname, '../../fixtures/store-file-v1.json');

const confFor = (options: Options<Record<string, unknown>>): StoreBacking => {
  const { name, ...rest } = options;
  return new Conf<Record<string, unknown>>({ ...rest, configName: name, projectName: 'promptgrimoire' });
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a store file written before the upgrade', () => {
  it('restores the sealed session, its signing keys, the pending revokes and the verifiers', () => {
    dir = mkdtempSync(join(tmpdir(), 'stored-format-'));
    copyFileSync(FIXTURE, storeFilePath(dir));
    const { logger, lines } = recordingLogger();
    const deps = { cipher: createAesGcmCipher(KEY), store: openSessionStore({ userDataDir: dir, open: confFor, logger }), logger, clock: createManualClock() };
    const vault = createSessionVault(deps);
    expect(vault.load()).toEqual({
      sessionToken: 'session-token-from-before-the-upgrade-0123456789ab',
      sessionJwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLXYxIn0.c2lnbmF0dXJl',
      sessionId: 'session-v1',
      user: { userId: 'user-v1', email: 'before@example.com', name: 'Before Upgrade' },
      expiresAt: '2030-01-08T00:00:00.000Z',
      startedAt: '2030-01-01T00:00:00.000Z',
      signingKeys: [{ kty: 'RSA', kid: 'jwk-v1', n: 'AQAB', e: 'AQAB', alg: 'RS256', use: 'sig' }],
    });
    expect(vault.revokes.pending()).toEqual(['revoke-token-from-before-the-upgrade-0123456789']);
    expect(createVerifierStore(deps).candidates(5)).toEqual(['v'.repeat(43)]);
    expect(lines.filter((line) => line.includes('moved aside'))).toEqual([]);
  });
});
