import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCachedStore } from '../../../main/session/cached-store';
import { createConfStore } from '../../fixtures/conf-store';

describe('createCachedStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function fileStore() {
    const dir = mkdtempSync(join(tmpdir(), 'cached-store-'));
    dirs.push(dir);
    return { dir, inner: createConfStore(dir) };
  }

  it('writes through to the file at once, so a restart sees every change', () => {
    const { dir, inner } = fileStore();
    const cached = createCachedStore(inner);
    cached.set('session', 'sealed-1');
    cached.set('other', 2);
    cached.delete('other');
    const afterRestart = createConfStore(dir);
    expect(afterRestart.get('session')).toBe('sealed-1');
    expect(afterRestart.get('other')).toBeUndefined();
  });

  it('serves a key it has seen from memory instead of re-reading the file', () => {
    const { inner } = fileStore();
    let reads = 0;
    const counting = { ...inner, get: (key: string) => ((reads += 1), inner.get(key)) };
    const cached = createCachedStore(counting);
    cached.set('session', 'sealed-1');
    expect([cached.get('session'), cached.get('session'), cached.get('missing'), cached.get('missing')]).toEqual([
      'sealed-1',
      'sealed-1',
      undefined,
      undefined,
    ]);
    expect(reads).toBe(1);
  });
});
