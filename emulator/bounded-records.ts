// A keyed collection with a ceiling, for the store's tokens and sessions, so that a long run or
// a soak cannot grow the emulator without bound. The rule: when an insert passes the limit,
// a record that has ended (can never be used again) is forgotten first, in the order records
// ended; only when none has ended does the record longest in the collection go.
// Every operation is O(1) (amortised): Map and Set iterate in insertion order, so the first
// key is the oldest, and expiry — which no request announces — is found by a cursor that
// inspects a few records per eviction instead of by scanning all of them.
import { OldestFirst } from './oldest-first';

/** Records the cursor inspects, when an eviction finds no ended record yet, before it gives up. */
const LOOKAHEAD = 16;

export class BoundedRecords<V> {
  private readonly records = new Map<string, V>();
  /** Keys of ended records, in the order they ended (each is also in `records`). */
  private readonly ended = new Set<string>();
  private readonly oldest = new OldestFirst(this.records);
  private readonly firstEnded = new OldestFirst(this.ended);
  private cursor: Iterator<[string, V]> | undefined;

  /**
   * @param limit at least 1.
   * @param hasEnded whether a record can no longer be used; once true it must stay true.
   * @param onForget called for each record the limit pushes out (to update other indexes).
   */
  constructor(
    readonly limit: number,
    private readonly hasEnded: (record: V) => boolean,
    private readonly onForget: (record: V) => void = () => undefined,
  ) {}

  get size(): number {
    return this.records.size;
  }

  get(key: string): V | undefined {
    return this.records.get(key);
  }

  values(): IterableIterator<V> {
    return this.records.values();
  }

  add(key: string, record: V): void {
    this.records.set(key, record);
    while (this.records.size > this.limit) this.forgetOne();
  }

  /** Makes a live record the newest, as if just added, so that it is the last live one to go. */
  touch(key: string): void {
    const record = this.records.get(key);
    if (record === undefined || this.ended.has(key)) return;
    this.records.delete(key);
    this.records.set(key, record);
  }

  /** Tells the collection that a record was used up or revoked, so it goes before live ones. */
  markEnded(key: string): void {
    if (this.records.has(key)) this.ended.add(key);
  }

  clear(): void {
    this.records.clear();
    this.ended.clear();
    this.oldest.reset();
    this.firstEnded.reset();
    this.cursor = undefined;
  }

  private forgetOne(): void {
    if (this.ended.size === 0) this.inspect(Math.min(LOOKAHEAD, this.records.size));
    // Only one of the two queues is taken from, so the other's iterator is not moved past a key.
    const key = this.ended.size > 0 ? this.firstEnded.take() : this.oldest.take();
    if (key === undefined) return;
    const record = this.records.get(key);
    this.ended.delete(key);
    this.records.delete(key);
    if (record !== undefined) this.onForget(record);
  }

  /** Moves the cursor over `count` records (wrapping at the end), noting those that have ended. */
  private inspect(count: number): void {
    for (let seen = 0; seen < count; ) {
      this.cursor ??= this.records.entries();
      const next = this.cursor.next();
      if (next.done) {
        this.cursor = undefined;
        continue;
      }
      seen += 1;
      const [key, record] = next.value;
      if (this.hasEnded(record)) this.ended.add(key);
    }
  }
}
