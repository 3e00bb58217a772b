// Taking the oldest key of a Map or Set with one forward-moving iterator: the order must be
// exactly insertion order, whatever happens to the collection between takes.
import { describe, expect, it } from 'vitest';
import { OldestFirst } from '../../../emulator/oldest-first';

function drain(set: Set<string>, oldest: OldestFirst<string>): string[] {
  const taken: string[] = [];
  for (let key = oldest.take(); key !== undefined; key = oldest.take()) {
    set.delete(key);
    taken.push(key);
  }
  return taken;
}

describe('OldestFirst', () => {
  it('hands out keys in insertion order, skipping ones deleted meanwhile and following re-added ones to the back', () => {
    const set = new Set(['a', 'b', 'c', 'd']);
    const oldest = new OldestFirst(set);
    expect(oldest.take()).toBe('a');
    set.delete('a');
    set.delete('c');
    set.delete('b');
    set.add('b');
    set.add('e');
    expect(drain(set, oldest)).toEqual(['d', 'b', 'e']);
    expect(set.size).toBe(0);
  });

  it('starts again once the collection has run dry and been refilled', () => {
    const map = new Map([['a', 1]]);
    const oldest = new OldestFirst(map);
    expect(oldest.take()).toBe('a');
    map.delete('a');
    expect(oldest.take()).toBeUndefined();
    map.set('b', 2);
    map.set('c', 3);
    expect(oldest.take()).toBe('b');
  });

  it('keeps the order through many deletions at the front (a long-running queue)', () => {
    const set = new Set<string>();
    const oldest = new OldestFirst(set);
    for (let i = 0; i < 100; i += 1) set.add(`k${i}`);
    for (let i = 100; i < 50_000; i += 1) {
      set.add(`k${i}`);
      const key = oldest.take();
      expect(key).toBe(`k${i - 100}`);
      set.delete(key ?? '');
    }
    expect(set.size).toBe(100);
  });

  it('after reset, follows a cleared and refilled collection from its start', () => {
    const set = new Set(['a', 'b']);
    const oldest = new OldestFirst(set);
    expect(oldest.take()).toBe('a');
    set.clear();
    oldest.reset();
    set.add('c');
    expect(drain(set, oldest)).toEqual(['c']);
  });
});
