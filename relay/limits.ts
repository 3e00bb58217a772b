// The relay's rate limits, on rate-limiter-flexible: fixed windows counted in this process's
// memory (one instance) or in Redis (many instances enforcing one set of limits).
// Rule: limit state is never forgotten to make room. In memory, each limit holds at most
// `limitTableMaxKeys` live keys; a new key past that is refused (503), while keys already
// counted keep their counts until their own window ends. When Redis cannot be asked, every
// limit refuses (503): the relay fails closed rather than run unchecked.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitRule, RateLimits, RelayConfig } from './config';

export type LimitName = 'ip' | 'email' | 'email_overall' | 'user';

export type Refusal =
  | { kind: 'limited'; limit: LimitName; retryAfterSeconds: number }
  | { kind: 'table_full'; limit: LimitName; retryAfterSeconds: number }
  | { kind: 'unavailable'; limit: LimitName; retryAfterSeconds: number };

export interface Limit {
  /** Spends one request for `key`; a refusal when none was left (or none could be counted). */
  consume(key: string): Promise<Refusal | undefined>;
  /** Whether one more would be allowed now, without spending it. */
  check(key: string): Promise<Refusal | undefined>;
}

export type RelayLimits = Record<LimitName, Limit>;

/** How long a caller should wait when the shared store is unreachable. */
const UNAVAILABLE_RETRY_SECONDS = 5;

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * Live keys of one in-memory limit, oldest window first. Every key of a limit has the same
 * window length, so insertion order is expiry order and expired keys leave from the front.
 */
export class KeyTable {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Undefined when `key` may be counted; otherwise ms until the oldest key frees a place. */
  admit(key: string): number | undefined {
    const now = this.now();
    const known = this.expiries.get(key);
    if (known !== undefined && known > now) return undefined;
    for (const [oldest, expiresAt] of this.expiries) {
      if (expiresAt > now) break;
      this.expiries.delete(oldest);
    }
    if (this.expiries.size < this.maxKeys) return undefined;
    const first = this.expiries.values().next();
    return first.done ? 1000 : first.value - now;
  }

  /** Records the window RLF just counted `key` in. */
  counted(key: string, msBeforeNext: number): void {
    if (this.expiries.has(key) && (this.expiries.get(key) ?? 0) > this.now()) return;
    this.expiries.delete(key);
    this.expiries.set(key, this.now() + Math.max(0, msBeforeNext));
  }

  size(): number {
    return this.expiries.size;
  }
}

function limitOver(limiter: RateLimiterAbstract, name: LimitName, rule: RateLimitRule, table: KeyTable | undefined): Limit {
  const refusedBy = (error: unknown): Refusal => {
    if (error instanceof RateLimiterRes) return { kind: 'limited', limit: name, retryAfterSeconds: seconds(error.msBeforeNext) };
    // Anything else is the store failing (Redis unreachable, not ready, timed out).
    return { kind: 'unavailable', limit: name, retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS };
  };
  return {
    async consume(key) {
      const waitMs = table?.admit(key);
      if (waitMs !== undefined) return { kind: 'table_full', limit: name, retryAfterSeconds: seconds(waitMs) };
      try {
        const result = await limiter.consume(key);
        table?.counted(key, result.msBeforeNext);
        return undefined;
      } catch (error) {
        if (error instanceof RateLimiterRes) table?.counted(key, error.msBeforeNext);
        return refusedBy(error);
      }
    },
    async check(key) {
      try {
        const result = await limiter.get(key);
        if (result && result.consumedPoints >= rule.limit) {
          return { kind: 'limited', limit: name, retryAfterSeconds: seconds(result.msBeforeNext) };
        }
        return undefined;
      } catch (error) {
        return refusedBy(error);
      }
    },
  };
}

const LIMIT_RULES: Record<LimitName, keyof RateLimits> = {
  ip: 'perIp',
  email: 'perEmail',
  email_overall: 'perEmailOverall',
  user: 'perUser',
};

/** One limiter per rule, all in memory or all in the given Redis. */
export function createLimits(config: Pick<RelayConfig, 'rateLimits' | 'limitTableMaxKeys'>, redis?: Redis): RelayLimits {
  const build = (name: LimitName): Limit => {
    const rule = config.rateLimits[LIMIT_RULES[name]];
    const options = { points: rule.limit, duration: rule.windowSeconds, keyPrefix: `relay:limit:${name}` };
    if (redis) {
      // rejectIfRedisNotReady: with the connection down, refuse at once instead of queueing.
      return limitOver(new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true }), name, rule, undefined);
    }
    return limitOver(new RateLimiterMemory(options), name, rule, new KeyTable(config.limitTableMaxKeys));
  };
  return { ip: build('ip'), email: build('email'), email_overall: build('email_overall'), user: build('user') };
}
