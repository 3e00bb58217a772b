// Shared set-up for the emulator's integration tests: a fresh emulator per file, SDK clients
// pointed at it, and small readers for Stytch errors and plain-HTTP calls.
import { createHash, randomBytes } from 'node:crypto';
import type { Client } from 'stytch';
import { startEmulator } from '../../../emulator/index';
import type { EmulatorOptions, RunningEmulator } from '../../../emulator/index';
import { stytchClientFor } from '../../fixtures/stytch-client';

export type { Client };

/** A client of the emulator, or (with overrides) one holding other credentials. */
export function sdkClient(emulator: RunningEmulator, overrides: { project_id?: string; secret?: string } = {}): Client {
  return stytchClientFor({
    url: emulator.url,
    projectId: overrides.project_id ?? emulator.projectId,
    secret: overrides.secret ?? emulator.secret,
  });
}

export async function start(options: EmulatorOptions = {}): Promise<{ emulator: RunningEmulator; client: Client }> {
  const emulator = await startEmulator(options);
  return { emulator, client: sdkClient(emulator) };
}

export interface WireError {
  status_code: number;
  error_type: string;
  error_message: string;
  error_url: string;
  request_id: string;
}

/** The Stytch error a call rejected with; fails the test when it resolved instead. */
export async function stytchError(call: Promise<unknown>): Promise<WireError> {
  try {
    await call;
  } catch (error) {
    return error as WireError;
  }
  throw new Error('expected the call to fail with a Stytch error');
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${counter}-${Date.now()}@example.com`;
}

export function basicAuth(emulator: RunningEmulator): string {
  return `Basic ${Buffer.from(`${emulator.projectId}:${emulator.secret}`).toString('base64')}`;
}

/** Raw JSON call (for what the SDK cannot send: malformed bodies, the test API). */
export async function call(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: string | object,
  auth = true,
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth) headers['authorization'] = basicAuth(emulator);
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    redirect: 'manual',
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}
