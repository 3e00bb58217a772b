// `npm run relay`: the relay with its configuration from RELAY_* environment variables.
// Rule: a wrong variable stops start-up with one message per variable; the secret is never printed.
import { loadRelayConfig } from './config-env';
import { startRelay } from './server';

async function main(): Promise<number> {
  // Whoever reads the log may go away first (a closed pipe): losing lines then is better
  // than the relay dying mid-request or mid-shutdown on EPIPE.
  process.stdout.on('error', () => undefined);
  const loaded = loadRelayConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`Relay configuration is invalid:\n${loaded.errors.map((error) => `  - ${error}`).join('\n')}\n`);
    return 1;
  }
  const relay = await startRelay(loaded.config);
  process.stdout.write(`Relay listening on ${relay.url}\n`);
  if (relay.metricsUrl) process.stdout.write(`Relay metrics on ${relay.metricsUrl}/metrics\n`);

  // SIGTERM (systemd, a container runtime, a load balancer's drain): stop accepting, let
  // requests in flight finish within RELAY_SHUTDOWN_GRACE_MS, then exit.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Relay stopping (${signal})\n`);
    void relay.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    // Most likely the port is taken; the message names it.
    process.stderr.write(`Relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
