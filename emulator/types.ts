// The emulator's public types (re-exported by index.ts). Other parts of the project code
// against these names, so they only ever grow.

export interface EmulatorOptions {
  /** 0 = any free port; startEmulator() default 0, the CLI default EMULATOR_DEFAULTS.port. */
  port?: number;
  host?: string;
  projectId?: string;
  secret?: string;
  publicToken?: string;
  /** Holds the RSA key; startEmulator() default: a fresh temp dir (removed on close). */
  dataDir?: string;
  /** Contract §2.4: 1 request/second per email across send/login_or_create/invite. Default false. */
  rateLimit?: boolean;
  /** Default: silent for startEmulator(), console.log for the CLI. */
  log?: (line: string) => void;
  openInApp?: (deepLink: string) => void | Promise<void>;
  /** Default login/signup/invite URL; '' means "none configured" (requests must name one). */
  redirectUrl?: string;
  /** When set, every magic-link URL must be one of these (contract §7). */
  allowedRedirectUrls?: string[];
  /** Put the final redirect URL in the "email" instead of the emulator's redirect endpoint (§5). */
  directLinks?: boolean;
  /** Caps that keep memory bounded under sustained load; tests lower them to see eviction. */
  limits?: RetentionLimits;
}

/** Most records kept; each a positive integer. Defaults: EMULATOR_DEFAULTS.limits. */
export interface RetentionLimits {
  /** Magic-link tokens; used, revoked and expired ones are forgotten first. */
  tokens?: number;
  /** Sessions; revoked and expired ones are forgotten first, then the least recently used. */
  sessions?: number;
  /** Outbox messages; the oldest are dropped. */
  outbox?: number;
}

/** How many records the emulator holds right now. */
export interface RetainedCounts {
  users: number;
  tokens: number;
  sessions: number;
  outbox: number;
}

export interface OutboxMessage {
  id: string;
  to: string;
  kind: 'login' | 'signup' | 'invite';
  /** What the "email" links to: the emulator's redirect endpoint (or the deep link with directLinks). */
  link: string;
  redirect_url: string;
  token: string;
  user_id: string;
  email_id: string;
  expires_at: string;
  created_at: string;
}

export interface FaultSpec {
  /** Exact request path, e.g. '/v1/magic_links/authenticate' (no query string). */
  path: string;
  /** Answer with this status and a Stytch error body instead of serving the request. */
  status?: number;
  /** Default 'internal_server_error'. */
  error_type?: string;
  /** How many matching requests it applies to; default 1. */
  count?: number;
  /** Wait this long first (then fail, drop or serve normally). */
  delay_ms?: number;
  /** Destroy the connection without answering. */
  drop?: boolean;
  /**
   * Hold the request unanswered until released (releaseHeld(), clearFaults(), reset(),
   * close(), or their /__emulator/ routes); then fail, drop or serve as the rest says.
   */
  hang?: boolean;
}

export interface RunningEmulator {
  /** 'http://127.0.0.1:PORT' (no trailing slash); pass as the SDK's env. */
  url: string;
  /** `${url}/inbox`, the dev inbox page. */
  inboxUrl: string;
  projectId: string;
  secret: string;
  publicToken: string;
  dataDir: string;
  /** Newest first. */
  outbox(email?: string): OutboxMessage[];
  latestMessage(email: string): OutboxMessage | undefined;
  clearOutbox(): void;
  advanceClock(seconds: number): void;
  injectFault(fault: FaultSpec): void;
  /** Removes every fault and releases the requests hang faults hold. */
  clearFaults(): void;
  /** How many requests hang faults hold right now (for one path, or all). */
  heldRequests(path?: string): number;
  /** Lets the held requests go on (the faults stay); returns how many there were. */
  releaseHeld(): number;
  setRateLimit(enabled: boolean): void;
  /** Wipes users/sessions/tokens/outbox, faults, the clock offset, the rate-limit window and request counts; keeps the key. */
  reset(): void;
  /** How many requests reached a route, e.g. requestCount('/v1/magic_links/authenticate'); no argument = all /v1 requests. */
  requestCount(path?: string): number;
  /** The caps in force (options.limits over the defaults). */
  limits: Required<RetentionLimits>;
  retained(): RetainedCounts;
  close(): Promise<void>;
}
