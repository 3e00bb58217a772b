// The capped collection behind the emulator's tokens and sessions: the limit always holds, and
// ended records go before live ones, oldest live last.
import { describe, expect, it } from 'vitest';
import { BoundedRecords } from '../../../emulator/bounded-records';

interface Rec {
  id: string;
  ended: boolean;
}

function collection(limit: number) {
  const forgotten: string[] = [];
  const records = new BoundedRecords<Rec>(limit, (r) => r.ended, (r) => forgotten.push(r.id));
  const add = (...ids: string[]): Rec[] =>
    ids.map((id) => {
      const rec = { id, ended: false };
      records.add(id, rec);
      return rec;
    });
  const kept = (): string[] => [...records.values()].map((r) => r.id);
  return { records, forgotten, add, kept };
}

describe('BoundedRecords', () => {
  it('never holds more than its limit, forgetting the oldest when none has ended', () => {
    const { records, forgotten, add, kept } = collection(5);
    for (let i = 0; i < 100; i += 1) {
      add(`r${i}`);
      expect(records.size).toBe(Math.min(i + 1, 5));
    }
    expect(kept()).toEqual(['r95', 'r96', 'r97', 'r98', 'r99']);
    expect(forgotten).toEqual(Array.from({ length: 95 }, (_, i) => `r${i}`));
    expect(records.get('r0')).toBeUndefined();
  });

  it('forgets records marked ended first, in the order they ended', () => {
    const { forgotten, add, records, kept } = collection(4);
    add('a', 'b', 'c', 'd');
    records.markEnded('c');
    records.markEnded('a');
    records.markEnded('c');
    add('e');
    expect(forgotten).toEqual(['c']);
    add('f');
    expect(forgotten).toEqual(['c', 'a']);
    add('g');
    expect(forgotten).toEqual(['c', 'a', 'b']);
    expect(kept()).toEqual(['d', 'e', 'f', 'g']);
  });

  it('notices records that ended without being marked (expiry) before forgetting a live one', () => {
    const { forgotten, add, kept } = collection(4);
    const [, b, , d] = add('a', 'b', 'c', 'd');
    if (!b || !d) throw new Error('setup');
    b.ended = true;
    add('e');
    expect(forgotten).toEqual(['b']);
    d.ended = true;
    add('f');
    expect(forgotten).toEqual(['b', 'd']);
    expect(kept()).toEqual(['a', 'c', 'e', 'f']);
  });

  it('treats a touched live record as the newest', () => {
    const { forgotten, add, records } = collection(3);
    add('a', 'b', 'c');
    records.touch('a');
    add('d');
    expect(forgotten).toEqual(['b']);
    expect(records.get('a')).toBeDefined();
  });

  it('clear empties the records and the queue of ended ones', () => {
    const { forgotten, add, records, kept } = collection(2);
    add('a', 'b');
    records.markEnded('a');
    records.clear();
    expect(records.size).toBe(0);
    add('c', 'd', 'e');
    expect(forgotten).toEqual(['c']);
    expect(kept()).toEqual(['d', 'e']);
  });
});
