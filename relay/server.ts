// Starting and stopping one relay instance: configuration, the redacting log, the shared
// store (this process's memory, or Redis when RELAY_REDIS_URL is set), limits, Stytch, the
// fastify app (app.ts) and, when asked for, the metrics listener.
// Rule: close() stops accepting at once, lets requests in flight finish within the grace
// period, then cuts off whatever is left; every line logged before it resolves is written.
import { Redis } from 'ioredis';
import { resolveRelayConfig, type RelayConfig, type RelayConfigInput } from './config';
import { buildRelayApp } from './app';
import { JwksCache, type RelayContext } from './handlers';
import { createRelayLog } from './json-logger';
import { createLimits } from './limits';
import { createStdoutLineSink, type LineSink } from './line-sink';
import { createRelayMetrics, startMetricsServer } from './metrics';
import { createSendBudget } from './send-budget';
import { createSessionGate } from './session-gate';
import { createMemoryState, createRedisState } from './shared-state';
import { createUpstream } from './upstream';
import type { LogLevel } from '../common/log/logger';

export interface StartRelayOptions extends RelayConfigInput {
  /** Where log lines go (already redacted). Default: standard output. */
  logLine?: (line: string) => void;
  logLevel?: LogLevel;
  /** For caches (JWKS, refused tokens, invite owners in memory); tests step it instead of sleeping. */
  now?: () => number;
}

export interface RunningRelay {
  /** No trailing slash. */
  url: string;
  /** Where Prometheus scrapes, when a metrics port was configured. */
  metricsUrl: string | undefined;
  config: RelayConfig;
  close(): Promise<void>;
}

/** How long /readyz waits for Redis to answer PING. */
const READY_TIMEOUT_MS = 1000;

export async function startRelay(options: StartRelayOptions): Promise<RunningRelay> {
  const config = resolveRelayConfig(options);
  // Only the default output is the relay's to drain on close; a given one is the caller's.
  const sink: LineSink | undefined = options.logLine ? undefined : createStdoutLineSink();
  const log = createRelayLog(options.logLine ?? ((line) => sink?.write(line)), {
    secrets: [config.stytch.secret],
    ...(options.logLevel ? { minLevel: options.logLevel } : {}),
  });
  const logger = log.logger;
  for (const notice of config.notices) logger.warn('configuration adjusted', { notice });
  const now = options.now ?? Date.now;

  const redis = config.redisUrl
    ? new Redis(config.redisUrl, {
        // Commands fail at once while disconnected instead of queueing: limits fail closed.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        lazyConnect: true,
      })
    : undefined;
  if (redis) {
    redis.on('error', (error: Error) => logger.warn('redis unavailable', { error: error.message }));
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new Error(`could not connect to RELAY_REDIS_URL: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const metrics = createRelayMetrics();
  const limits = createLimits(config, redis);
  const state = redis ? createRedisState(redis) : createMemoryState(config.limitTableMaxKeys, now);
  const upstream = createUpstream(config, logger, metrics.upstream);
  const ctx: RelayContext = {
    config,
    upstream,
    logger,
    state,
    jwks: new JwksCache(5 * 60_000, now),
    sendBudget: createSendBudget(limits, logger),
    gate: createSessionGate({ upstream, state, perUser: limits.user }),
  };
  const ready = async (): Promise<boolean> => {
    if (!redis) return true;
    if (redis.status !== 'ready') return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        redis.ping(),
        new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS))),
      ]);
      return answer === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  let draining = false;
  const app = buildRelayApp({ ctx, limits, metrics, pino: log.pino, ready, draining: () => draining });
  const metricsServer = config.metricsPort !== undefined ? await startMetricsServer(metrics, config.host, config.metricsPort) : undefined;
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await metricsServer?.app.close();
    redis?.disconnect();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const hostForUrl = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;

  const closeWithin = async (graceMs: number): Promise<void> => {
    draining = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        logger.warn('shutdown grace period over; closing the connections still open', { grace_ms: graceMs });
        app.server.closeAllConnections();
        resolve();
      }, graceMs);
    });
    await Promise.race([app.close(), deadline]);
    clearTimeout(timer);
  };

  return {
    url: `http://${hostForUrl}:${port}`,
    metricsUrl: metricsServer?.url,
    config,
    close: () => {
      closing ??= closeWithin(config.shutdownGraceMs)
        .then(() => metricsServer?.app.close())
        .then(() => upstream.close())
        .then(() => redis?.quit().catch(() => redis.disconnect()))
        .then(() => sink?.drain());
      return closing;
    },
  };
}
