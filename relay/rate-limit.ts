// Token buckets keyed by IP or email. A bucket holds `limit` requests and refills evenly over
// the window, so a burst is allowed once and a steady abuser is held to the average rate.
// Rule: memory is bounded — full buckets are forgotten and the key count is capped, so a
// flood of new keys cannot grow the relay without limit.
import type { RateLimitRule } from './config';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Past this many keys, full buckets are swept and, if still too many, the stalest dropped. */
const SWEEP_AT = 10_000;
/** Sweeping leaves room below the mark, so a flood does not pay for a sweep on every request. */
const SWEEP_TO = 9_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = rule.limit / (rule.windowSeconds * 1000);
  }

  /** Spends one request for `key`, or says how long until one is available. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refilled(key, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    // Delete first so the key moves to the end: Map order then tracks recency.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > SWEEP_AT) this.sweep(now);
    if (allowed) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Number of keys held; for tests of the memory bound. */
  size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.rule.limit, updatedMs: now };
    // A clock that steps back (NTP) must not drain a bucket.
    const elapsed = Math.max(0, now - bucket.updatedMs);
    return { tokens: Math.min(this.rule.limit, bucket.tokens + elapsed * this.perMs), updatedMs: now };
  }

  private sweep(now: number): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.refilled(key, now).tokens >= this.rule.limit) this.buckets.delete(key);
    }
    // Still too many live keys (a real flood): drop the least recently touched. Map order is
    // insertion order and take() re-inserts, so the first keys are the stalest.
    const excess = this.buckets.size - SWEEP_TO;
    if (excess <= 0) return;
    let dropped = 0;
    for (const key of this.buckets.keys()) {
      if (dropped >= excess) break;
      this.buckets.delete(key);
      dropped += 1;
    }
  }
}
