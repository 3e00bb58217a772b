// The local Stytch emulator: B2C magic links and sessions, faithful enough that the official
// `stytch` SDK cannot tell it from Stytch (see the wire contract). The rule: nothing under
// emulator/ imports electron, and the server binds to loopback unless told otherwise.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALLBACK_URL } from '../common/stytch/constants';
import { EmulatorContext } from './context';
import { loadOrCreateKey } from './keys';
import { EmulatorServer } from './server';
import type { EmulatorOptions, RetentionLimits, RunningEmulator } from './types';

export type { EmulatorOptions, FaultSpec, OutboxMessage, RetainedCounts, RetentionLimits, RunningEmulator } from './types';

export const EMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  port: 4578,
  projectId: 'project-test-6b7c2f0e-5d1a-4e8b-9c3f-2a1d0e9f8b7a',
  secret: 'secret-test-emulator-development-only-do-not-use-in-production',
  publicToken: 'public-token-test-emulator-development',
  redirectUrl: CALLBACK_URL,
  limits: { tokens: 10_000, sessions: 10_000, outbox: 1_000 },
} as const;

function retentionLimits(given: RetentionLimits = {}): Required<RetentionLimits> {
  const defaults = EMULATOR_DEFAULTS.limits;
  const limits = { tokens: given.tokens ?? defaults.tokens, sessions: given.sessions ?? defaults.sessions, outbox: given.outbox ?? defaults.outbox };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`limits.${name} must be a positive integer, not ${String(value)}`);
  }
  return limits;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const limits = retentionLimits(options.limits);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'stytch-emulator-')));
  const key = await loadOrCreateKey(dataDir);
  const ctx = new EmulatorContext(
    {
      projectId: options.projectId ?? EMULATOR_DEFAULTS.projectId,
      secret: options.secret ?? EMULATOR_DEFAULTS.secret,
      publicToken: options.publicToken ?? EMULATOR_DEFAULTS.publicToken,
      redirectUrl: options.redirectUrl ?? EMULATOR_DEFAULTS.redirectUrl,
      allowedRedirectUrls: options.allowedRedirectUrls,
      directLinks: options.directLinks ?? false,
      limits,
    },
    key,
    options.rateLimit ?? false,
    options.log ?? (() => undefined),
    options.openInApp,
  );
  const server = new EmulatorServer(ctx);
  const host = options.host ?? EMULATOR_DEFAULTS.host;
  const port = await server.listen(options.port ?? 0, host);
  const url = `http://${hostForUrl(host === '0.0.0.0' ? '127.0.0.1' : host)}:${port}`;
  ctx.baseUrl = url;
  let closed: Promise<void> | undefined;

  return {
    url,
    inboxUrl: `${url}/inbox`,
    projectId: ctx.config.projectId,
    secret: ctx.config.secret,
    publicToken: ctx.config.publicToken,
    dataDir,
    outbox: (email) => ctx.outbox.list(email),
    latestMessage: (email) => ctx.outbox.list(email)[0],
    clearOutbox: () => ctx.outbox.clear(),
    advanceClock: (seconds) => ctx.clock.advance(seconds),
    injectFault: (fault) => ctx.faults.inject(fault),
    clearFaults: () => ctx.faults.clear(),
    heldRequests: (path) => ctx.faults.heldCount(path),
    releaseHeld: () => ctx.faults.release(),
    setRateLimit: (enabled) => {
      ctx.rateLimiter.enabled = enabled;
      ctx.rateLimiter.clear();
    },
    reset: () => ctx.reset(),
    requestCount: (path) => ctx.requestCount(path),
    limits,
    retained: () => ctx.retained(),
    close: () => {
      closed ??= server.close().then(async () => {
        if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
      });
      return closed;
    },
  };
}
