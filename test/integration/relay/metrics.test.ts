// Prometheus metrics on their own port: requests by route and status, Stytch latency, limit
// refusals; and nothing a caller typed in any label.
import { afterEach, describe, expect, it } from 'vitest';
import { startRelayRig, type RelayRig } from './harness';

let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('relay: metrics', () => {
  it('counts requests, Stytch latency and refusals on the metrics port only', async () => {
    rig = await startRelayRig({ metricsPort: 0, rateLimits: { perEmail: { limit: 1, windowSeconds: 3600 } } });
    const metricsUrl = rig.relay.metricsUrl;
    if (!metricsUrl) throw new Error('no metrics listener');
    expect(metricsUrl).not.toBe(rig.relay.url);
    await rig.sendLink('counted@example.com');
    const refused = await rig.post('/v1/magic-links/send', { email: 'counted@example.com', code_challenge: 'c'.repeat(43) });
    expect(refused.status).toBe(429);

    const response = await fetch(`${metricsUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('relay_requests_total{route="POST /v1/magic-links/send",method="POST",status="200"} 1');
    expect(text).toContain('relay_requests_total{route="POST /v1/magic-links/send",method="POST",status="429"} 1');
    expect(text).toMatch(/relay_upstream_duration_seconds_count\{call="magic_links.email.login_or_create",outcome="ok"\} 1/);
    expect(text).toContain('relay_limit_refusals_total{limit="email",kind="too_many_requests"} 1');
    expect(text).not.toContain('counted@example.com');
    // The public listener does not serve them.
    expect((await rig.request('GET', '/metrics')).status).toBe(404);
  });
});
