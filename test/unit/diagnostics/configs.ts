// App configurations for the diagnostics tests, built by the real loader so they stay valid.
import { loadConfig, type AppConfig } from '../../../main/config';

export const PROJECT_ID = 'project-test-0b1c2d3e-4f50-4a61-8b72-9c83d4e5f607';
/** Shaped like a real Stytch secret; it must never reach a report, view or log line. */
export const SECRET = 'secret-test-Xq7vB2mK9pL4nR8sT1wY5zA3cD6fG0hJ2kM=';

function load(env: Record<string, string>): AppConfig {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(`test configuration refused: ${result.errors.join('; ')}`);
  return result.config;
}

/** Direct mode against a Stytch-compatible server at origin (the loopback test server). */
export const directConfig = (origin: string): AppConfig =>
  load({ STYTCH_PROJECT_ID: PROJECT_ID, STYTCH_SECRET: SECRET, STYTCH_API_URL: origin });

/** Direct mode against real Stytch, test or live by the project id. */
export const stytchConfig = (projectId: string, secret: string): AppConfig => load({ STYTCH_PROJECT_ID: projectId, STYTCH_SECRET: secret });

export const relayConfig = (origin: string): AppConfig => load({ STYTCH_PROJECT_ID: PROJECT_ID, PROMPTGRIMOIRE_RELAY_URL: origin });

export const emulatorConfig = (): AppConfig => load({});
