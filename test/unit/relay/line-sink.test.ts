import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLineSink } from '../../../relay/line-sink';

describe('relay log line sink for a file', () => {
  const dirs: string[] = [];
  const openLog = (): { fd: number; path: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-sink-'));
    dirs.push(dir);
    const path = join(dir, 'relay.log');
    return { fd: openSync(path, 'w'), path };
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes every line whole, once and in order', async () => {
    const { fd, path } = openLog();
    const sink = createFileLineSink(fd);
    const lines = Array.from({ length: 2_000 }, (_, i) => JSON.stringify({ msg: 'request', i, pad: 'x'.repeat(i % 300) }));
    for (const line of lines) sink.write(line);
    await sink.drain();
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe(lines.map((line) => `${line}\n`).join(''));
  });

  it('keeps order for lines written while an earlier batch is still being written', async () => {
    const { fd, path } = openLog();
    const sink = createFileLineSink(fd);
    sink.write('first');
    await new Promise((resolve) => setImmediate(resolve));
    sink.write('second');
    sink.write('third');
    await sink.drain();
    sink.write('fourth');
    await sink.drain();
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe('first\nsecond\nthird\nfourth\n');
  });

  it('drains at once when nothing is queued', async () => {
    const { fd } = openLog();
    const sink = createFileLineSink(fd);
    await expect(sink.drain()).resolves.toBeUndefined();
    closeSync(fd);
  });

  it('reports a refused write instead of throwing, and still drains', async () => {
    // A descriptor no process has open (a closed one could be reused by a parallel test).
    const errors: string[] = [];
    const sink = createFileLineSink(1_000_000, (error) => errors.push((error as NodeJS.ErrnoException).code ?? error.message));
    expect(() => sink.write('lost to a bad descriptor')).not.toThrow();
    await sink.drain();
    expect(errors).toEqual(['EBADF']);
  });
});
