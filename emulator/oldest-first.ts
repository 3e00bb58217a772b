// Taking the oldest key of a Map or Set (they iterate in insertion order) in O(1) amortised.
// The rule: one iterator is kept and only moves forward. A fresh iterator per call would not
// do: after many deletions at the front, V8 walks over every deleted slot again on each call
// until the table is next rehashed, which made a 10,000-entry queue some 25 times slower.

export class OldestFirst<K> {
  private iterator: Iterator<K> | undefined;

  constructor(private readonly collection: { keys(): Iterator<K> }) {}

  /**
   * The oldest key still present, or undefined when there is none. The caller must delete it
   * before taking again: a key is handed out once, unless it is deleted and added anew.
   */
  take(): K | undefined {
    let next = this.iterator?.next();
    if (next === undefined || next.done === true) {
      // An iterator that has finished stays finished, even after new keys arrive.
      this.iterator = this.collection.keys();
      next = this.iterator.next();
    }
    return next.done === true ? undefined : next.value;
  }

  /** Call after clearing the collection. */
  reset(): void {
    this.iterator = undefined;
  }
}
