// The IPC contract declares each call once. These checks keep it so: every channel name is
// written in exactly one place of the shipped code (the contract's table), the bridge is
// derived from the table and sends nothing but the request, and the response schemas are
// strict enough to catch a field that should never reach the page.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authViewSchema,
  createBridge,
  deviceLinkViewSchema,
  INVOKE_CONTRACT,
  PUSH_CONTRACT,
  type InvokeChannel,
  type PushChannel,
} from '../../../preload/api';
import { signedOutView } from '../../fixtures/auth-views';

const ROOT = join(import.meta.dirname, '../../..');
/** The code that ships or is shared; tests may name channels as often as they like. */
const SOURCE_FOLDERS = ['main', 'preload', 'renderer', 'common'];
const CONTRACT_FILE = 'preload/api.ts';

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How often `value` is written as a whole quoted literal ('…', "…" or `…`) in `text`. */
function quotedOccurrences(text: string, value: string): number {
  return [...text.matchAll(new RegExp(`(['"\`])${escapeRegExp(value)}\\1`, 'g'))].length;
}

const CHANNELS: string[] = [...Object.values(INVOKE_CONTRACT), ...Object.values(PUSH_CONTRACT)].map((row) => row.channel);
const SOURCES = SOURCE_FOLDERS.flatMap(sourceFiles).map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

describe('each channel name is written once', () => {
  it('counts a name in any quotes, and not inside a longer name (the check itself)', () => {
    const text = `a('auth:x'); b("auth:x"); c(\`auth:x\`); d('auth:x-now'); e('xauth:x'); // auth:x`;
    expect(quotedOccurrences(text, 'auth:x')).toBe(3);
    expect(quotedOccurrences(text, 'auth:x-now')).toBe(1);
  });

  it('finds the shipped code to scan', () => {
    const files = SOURCES.map((source) => source.file);
    expect(files).toContain(CONTRACT_FILE);
    expect(files).toContain('main/ipc/handlers.ts');
    expect(files).toContain('renderer/deadlines.ts');
  });

  it('no two calls or pushes share a channel', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it.each(CHANNELS)('%s: once in main, preload, renderer and common, in the contract', (channel) => {
    const found = SOURCES.flatMap(({ file, text }) => Array.from({ length: quotedOccurrences(text, channel) }, () => file));
    expect(found).toEqual([CONTRACT_FILE]);
  });
});

describe('the bridge', () => {
  function recordingBridge() {
    const invoked: Array<[InvokeChannel, unknown]> = [];
    const subscribed: PushChannel[] = [];
    const listeners: Array<(payload: unknown) => void> = [];
    const api = createBridge(
      (channel, payload) => {
        invoked.push([channel, payload]);
        return Promise.resolve({ ok: true, value: null });
      },
      (channel, listener) => {
        subscribed.push(channel);
        listeners.push(listener);
        return () => undefined;
      },
    );
    return { api, invoked, subscribed, listeners };
  }

  it('has one method per row of the contract and nothing else, and cannot be changed', () => {
    const { api } = recordingBridge();
    expect(Object.keys(api).sort()).toEqual([...Object.keys(INVOKE_CONTRACT), ...Object.keys(PUSH_CONTRACT)].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it("sends each call on its row's channel, with its request", async () => {
    const { api, invoked } = recordingBridge();
    await api.getView();
    await api.sendLink({ email: 'ana@example.com' });
    await api.inviteUser({ email: 'bea@example.com', firstName: 'Bea', lastName: '' });
    expect(invoked).toEqual([
      [INVOKE_CONTRACT.getView.channel, undefined],
      [INVOKE_CONTRACT.sendLink.channel, { email: 'ana@example.com' }],
      [INVOKE_CONTRACT.inviteUser.channel, { email: 'bea@example.com', firstName: 'Bea', lastName: '' }],
    ]);
  });

  it('forwards only the first argument: whatever else a page passes never travels', async () => {
    const { api, invoked } = recordingBridge();
    const call = api.revokeInvite as (...args: unknown[]) => Promise<unknown>;
    await call({ email: 'bea@example.com' }, { email: 'eve@example.com' }, 'extra');
    expect(invoked).toEqual([[INVOKE_CONTRACT.revokeInvite.channel, { email: 'bea@example.com' }]]);
  });

  it('subscribes pushes on their channel and hands the listener the payload alone', () => {
    const { api, subscribed, listeners } = recordingBridge();
    const seen: unknown[] = [];
    api.onViewChanged((view) => seen.push(view));
    expect(subscribed).toEqual([PUSH_CONTRACT.onViewChanged.channel]);
    listeners[0]?.(signedOutView());
    expect(seen).toEqual([signedOutView()]);
  });

  it('names no call on…, which is how the page tells subscriptions apart (renderer/deadlines.ts)', () => {
    expect(Object.keys(INVOKE_CONTRACT).filter((method) => /^on[A-Z]/.test(method))).toEqual([]);
    expect(Object.keys(PUSH_CONTRACT).every((method) => /^on[A-Z]/.test(method))).toBe(true);
  });
});

describe('response schemas', () => {
  it('accept the views the page is meant to get', () => {
    expect(authViewSchema.safeParse(signedOutView()).success).toBe(true);
    expect(deviceLinkViewSchema.safeParse({ maskedLink: 'promptgrimoire://auth/callback?token=abcd••••', expiresAt: '2026-01-01T00:10:00.000Z' }).success).toBe(true);
  });

  it('refuse a view with anything added, such as a token, or a notice with an unknown code', () => {
    const leaky = { ...signedOutView(), session_jwt: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' };
    expect(authViewSchema.safeParse(leaky).success).toBe(false);
    const withToken = { maskedLink: 'promptgrimoire://auth/callback?token=abcd••••', expiresAt: '2026-01-01T00:10:00.000Z', link: 'promptgrimoire://…' };
    expect(deviceLinkViewSchema.safeParse(withToken).success).toBe(false);
    const notice = { code: 'made-up', tone: 'error', message: 'x', action: null, retryAfterSeconds: null };
    expect(authViewSchema.safeParse(signedOutView({ notice: notice as never })).success).toBe(false);
  });
});
