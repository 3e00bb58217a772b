// Everything a handler may touch, gathered in one object so handlers stay plain functions
// of (context, request) that are easy to read side by side with the contract.
import { EmulatorClock } from './clock';
import { Faults } from './faults';
import { JwtSigner } from './jwt';
import type { SigningKey } from './keys';
import { Outbox } from './outbox';
import { RateLimiter } from './rate-limit';
import { Store } from './store';
import type { RetainedCounts, RetentionLimits } from './types';

export interface EmulatorConfig {
  projectId: string;
  secret: string;
  publicToken: string;
  redirectUrl: string;
  allowedRedirectUrls: string[] | undefined;
  directLinks: boolean;
  limits: Required<RetentionLimits>;
}

export class EmulatorContext {
  readonly clock = new EmulatorClock();
  readonly store: Store;
  readonly outbox: Outbox;
  readonly faults = new Faults();
  readonly rateLimiter: RateLimiter;
  readonly signer: JwtSigner;
  readonly expectedAuthorization: string;
  private readonly counts = new Map<string, number>();
  private v1Count = 0;
  /** Set once the server listens; links in the outbox point here. */
  baseUrl = '';

  constructor(
    readonly config: EmulatorConfig,
    readonly key: SigningKey,
    rateLimit: boolean,
    readonly log: (line: string) => void,
    readonly openInApp: ((deepLink: string) => void | Promise<void>) | undefined,
  ) {
    this.store = new Store(this.clock, config.limits);
    this.outbox = new Outbox(config.limits.outbox);
    this.rateLimiter = new RateLimiter(rateLimit);
    this.signer = new JwtSigner(key);
    this.expectedAuthorization = `Basic ${Buffer.from(`${config.projectId}:${config.secret}`).toString('base64')}`;
  }

  countRequest(path: string): void {
    this.counts.set(path, (this.counts.get(path) ?? 0) + 1);
    if (path.startsWith('/v1/')) this.v1Count += 1;
  }

  requestCount(path?: string): number {
    return path === undefined ? this.v1Count : (this.counts.get(path) ?? 0);
  }

  retained(): RetainedCounts {
    const { users, tokens, sessions } = this.store;
    return { users: users.size, tokens: tokens.size, sessions: sessions.size, outbox: this.outbox.size };
  }

  reset(): void {
    this.store.clear();
    this.outbox.clear();
    this.faults.clear();
    this.rateLimiter.clear();
    this.clock.reset();
    this.counts.clear();
    this.v1Count = 0;
  }
}
