import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { openStoreFile, parseStoreText, type StoreBacking } from '../../../main/storage/store-file';
import { recordingLogger } from '../electron/stand-ins';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** conf over a temp dir, counting the times the whole file is read and the writes. */
function countedFile(dir = mkdtempSync(join(tmpdir(), 'store-file-'))) {
  dirs.push(dir);
  const counts = { reads: 0, writes: 0 };
  const open = (): StoreBacking => {
    const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'grimoire', accessPropertiesByDotNotation: false, deserialize: parseStoreText });
    return {
      get: (key) => conf.get(key),
      set: (key, value) => ((counts.writes += 1), conf.set(key, value)),
      delete: (key) => ((counts.writes += 1), conf.delete(key)),
      get store() {
        counts.reads += 1;
        return conf.store;
      },
      set store(value) {
        counts.writes += 1;
        conf.store = value;
      },
    };
  };
  const path = join(dir, 'grimoire.json');
  const { logger, lines } = recordingLogger();
  const store = () =>
    openStoreFile({ path, open, rename: renameSync, list: () => [], remove: () => undefined, now: () => Date.UTC(2030, 0, 1), logger });
  return { dir, path, counts, store, lines };
}

describe('the store file', () => {
  it('writes through to the file at once, so a restart sees every change', () => {
    const file = countedFile();
    const store = file.store();
    store.set('session', 'sealed-1');
    store.set('other', 2);
    store.delete('other');
    const afterRestart = file.store();
    expect(afterRestart.get('session')).toBe('sealed-1');
    expect(afterRestart.get('other')).toBeUndefined();
    expect(afterRestart.keys()).toEqual(['session']);
  });

  it('reads the file once when it opens, then serves every get and keys() from memory', () => {
    const file = countedFile();
    file.store().set('session', 'sealed-1');
    file.counts.reads = 0;
    const store = file.store();
    expect([store.get('session'), store.get('session'), store.get('missing'), store.get('missing'), store.keys()]).toEqual([
      'sealed-1',
      'sealed-1',
      undefined,
      undefined,
      ['session'],
    ]);
    expect(file.counts.reads).toBe(1);
  });

  it('one write per change, none for a delete of nothing; undefined means "no value"', () => {
    const file = countedFile();
    const store = file.store();
    store.set('a', 1);
    store.set('b', 2);
    expect(file.counts.writes).toBe(2);
    store.delete('missing');
    store.set('missing', undefined);
    expect(file.counts.writes).toBe(2);
    store.set('a', undefined);
    expect(file.counts.writes).toBe(3);
    expect(JSON.parse(readFileSync(file.path, 'utf8'))).toEqual({ b: 2 });
  });

  it('a file damaged while the app runs is moved aside on the next write, and the fresh file gets the whole record', () => {
    const file = countedFile();
    const store = file.store();
    store.set('session', 'sealed-1');
    writeFileSync(file.path, '{"session":"sea');
    store.set('other', 2);
    expect(JSON.parse(readFileSync(file.path, 'utf8'))).toEqual({ session: 'sealed-1', other: 2 });
    expect(readFileSync(`${file.path}.corrupt-20300101-000000-000`, 'utf8')).toBe('{"session":"sea');
    expect(file.lines.filter((line) => line.includes('moved aside'))).toHaveLength(1);
  });
});
