// Prometheus metrics for operators: requests by route and status, Stytch latency by call and
// outcome, and limit refusals by limit. Served on a port of their own (RELAY_METRICS_PORT),
// so the public listener never exposes them.
// Rule: labels are route templates, call names and limit names, never anything a caller
// typed (no emails, addresses or tokens), so the series count stays fixed.
import fastify, { type FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamObserver } from './upstream';

export interface RelayMetrics {
  registry: Registry;
  request(route: string, method: string, status: number): void;
  upstream: UpstreamObserver;
  refused(limit: string, kind: string): void;
}

/** Each relay gets its own registry, so several in one process (tests) do not collide. */
export function createRelayMetrics(): RelayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'relay_process_' });
  const requests = new Counter({
    name: 'relay_requests_total',
    help: 'Requests answered, by route template, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const upstream = new Histogram({
    name: 'relay_upstream_duration_seconds',
    help: 'Time spent in each Stytch call, by call and outcome (ok, refused, timeout, busy).',
    labelNames: ['call', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'relay_limit_refusals_total',
    help: 'Requests refused by a limit, by limit and kind (limited, table_full, unavailable).',
    labelNames: ['limit', 'kind'] as const,
    registers: [registry],
  });
  return {
    registry,
    request: (route, method, status) => requests.inc({ route, method, status: String(status) }),
    upstream: (call, outcome, seconds) => upstream.observe({ call, outcome }, seconds),
    refused: (limit, kind) => refusals.inc({ limit, kind }),
  };
}

/** GET /metrics in Prometheus text format; nothing else. */
export async function startMetricsServer(metrics: RelayMetrics, host: string, port: number): Promise<{ url: string; app: FastifyInstance }> {
  const app = fastify({ logger: false });
  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
  const address = await app.listen({ host, port });
  return { url: address, app };
}
