// Shared set-up for relay integration tests: the real relay on port 0, in front of the real
// emulator on port 0, through the real stytch SDK. Every log line the relay writes is kept,
// so tests can search it for the secrets they used.
import { expect } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createPkcePair, type PkcePair } from '../../../main/auth/pkce';
import { startRelay, type RunningRelay, type StartRelayOptions } from '../../../relay/server';

export interface RelayRig {
  emulator: RunningEmulator;
  relay: RunningRelay;
  /** Every relay log line, JSON. */
  lines: string[];
  request(method: string, path: string, init?: RequestOptions): Promise<RelayResponse>;
  post(path: string, body: unknown, bearer?: string): Promise<RelayResponse>;
  /** Sends a link with a fresh PKCE pair and returns the emailed token and the pair. */
  sendLink(email: string): Promise<{ token: string; pkce: PkcePair }>;
  /** A whole sign-in through the relay; returns the relay's authenticate answer. */
  signIn(email: string): Promise<SignedIn>;
  close(): Promise<void>;
}

export interface RequestOptions {
  body?: string;
  headers?: Record<string, string>;
}

export interface RelayResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface SignedIn {
  session_token: string;
  session_jwt: string;
  session: { session_id: string; expires_at: string; started_at: string };
  user: { user_id: string; email: string; name: string | null };
  pkce: PkcePair;
  linkToken: string;
}

export type RigOptions = Omit<StartRelayOptions, 'stytch' | 'logLine'> & { stytch?: Partial<StartRelayOptions['stytch']> };

export async function startRelayRig(options: RigOptions = {}): Promise<RelayRig> {
  const emulator = await startEmulator({ port: 0 });
  const lines: string[] = [];
  const { stytch, ...rest } = options;
  const relay = await startRelay({
    port: 0,
    // Generous unless a test is about limits: one test run is one IP sending many requests.
    ...rest,
    rateLimits: {
      perIp: { limit: 1000, windowSeconds: 60 },
      perEmail: { limit: 100, windowSeconds: 3600 },
      perEmailOverall: { limit: 1000, windowSeconds: 3600 },
      perUser: { limit: 1000, windowSeconds: 60 },
      ...rest.rateLimits,
    },
    stytch: { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url, ...stytch },
    logLine: (line) => lines.push(line),
    logLevel: 'debug',
  });

  async function request(method: string, path: string, init: RequestOptions = {}): Promise<RelayResponse> {
    const response = await fetch(`${relay.url}${path}`, { method, headers: init.headers ?? {}, ...(init.body !== undefined ? { body: init.body } : {}) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  }

  function post(path: string, body: unknown, bearer?: string): Promise<RelayResponse> {
    return request('POST', path, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    });
  }

  async function sendLink(email: string): Promise<{ token: string; pkce: PkcePair }> {
    const pkce = createPkcePair();
    const sent = await post('/v1/magic-links/send', { email, code_challenge: pkce.challenge });
    if (sent.status !== 200) throw new Error(`send failed: ${JSON.stringify(sent.body)}`);
    const token = emulator.latestMessage(email)?.token;
    if (!token) throw new Error(`no email for ${email}`);
    return { token, pkce };
  }

  async function signIn(email: string): Promise<SignedIn> {
    const { token, pkce } = await sendLink(email);
    const authed = await post('/v1/magic-links/authenticate', { token, code_verifier: pkce.verifier });
    if (authed.status !== 200) throw new Error(`authenticate failed: ${JSON.stringify(authed.body)}`);
    return { ...(authed.body as unknown as Omit<SignedIn, 'pkce' | 'linkToken'>), pkce, linkToken: token };
  }

  return {
    emulator,
    relay,
    lines,
    request,
    post,
    sendLink,
    signIn,
    async close() {
      await relay.close();
      await emulator.close();
    },
  };
}

/** Headers that would let a browser page read a relay answer. */
export function corsHeaders(headers: Headers): string[] {
  return [...headers.keys()].filter((name) => name.toLowerCase().startsWith('access-control-'));
}

// vitest's asymmetric matchers are typed `any`; these keep object matchers type-safe.
export const anyString: unknown = expect.any(String);
export const anyNumber: unknown = expect.any(Number);
export const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);
