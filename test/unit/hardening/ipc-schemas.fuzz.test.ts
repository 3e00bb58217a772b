// Fuzzing every request schema of the IPC contract (INVOKE_CONTRACT) with payloads a compromised page could
// send: wrong types, missing and extra keys, prototype keys, strings at and past their
// limits, huge and unicode strings. The expected answer comes from the table below, written
// from the contract, so a loosened schema fails here. A channel missing from the table fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMAIL_MAX_LENGTH,
  ERROR_MESSAGE_MAX_LENGTH,
  ERROR_STACK_MAX_LENGTH,
  PASTED_LINK_MAX_LENGTH,
  INVOKE_CONTRACT,
  PERSON_NAME_MAX_LENGTH,
  type InvokeMethod,
} from '../../../preload/api';
import { FUZZ_TIMEOUT, fuzzSeed, scaled } from './fuzz-runs';

const BASE_RUNS_PER_CHANNEL = 100_000;
const RUNS_PER_CHANNEL = scaled(BASE_RUNS_PER_CHANNEL);
const ODD_SHARE = 0.02;

/** What each channel accepts: nothing at all, or exactly these string fields, each at most N long. */
type Shape = { kind: 'none' } | { kind: 'fields'; fields: Record<string, number> };
const NONE: Shape = { kind: 'none' };
const fields = (f: Record<string, number>): Shape => ({ kind: 'fields', fields: f });

const CONTRACT: Record<InvokeMethod, Shape> = {
  getView: NONE,
  sendLink: fields({ email: EMAIL_MAX_LENGTH }),
  resend: NONE,
  submitLink: fields({ link: PASTED_LINK_MAX_LENGTH }),
  confirmLink: NONE,
  cancelLink: NONE,
  startOver: NONE,
  dismissNotice: NONE,
  signOut: NONE,
  getAccount: NONE,
  signOutOtherSessions: NONE,
  createDeviceLink: NONE,
  copyDeviceLink: NONE,
  inviteUser: fields({ email: EMAIL_MAX_LENGTH, firstName: PERSON_NAME_MAX_LENGTH, lastName: PERSON_NAME_MAX_LENGTH }),
  revokeInvite: fields({ email: EMAIL_MAX_LENGTH }),
  getDiagnostics: NONE,
  copyDiagnostics: NONE,
  fixProtocolHandler: NONE,
  revealLogFile: NONE,
  reportRendererError: fields({ message: ERROR_MESSAGE_MAX_LENGTH, stack: ERROR_STACK_MAX_LENGTH }),
  getUpdate: NONE,
  downloadUpdate: NONE,
  restartToUpdate: NONE,
  dismissUpdateNotice: NONE,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The contract's answer. Limits count characters (Unicode code points, so an emoji is one);
 * in UTF-16 units a payload is then at most twice the limit, still bounded.
 */
function contractAccepts(shape: Shape, payload: unknown): boolean {
  if (shape.kind === 'none') return payload === undefined;
  if (!isPlainObject(payload)) return false;
  const keys = Object.keys(payload);
  const wanted = Object.keys(shape.fields);
  if (keys.length !== wanted.length || !wanted.every((key) => Object.hasOwn(payload, key))) return false;
  return wanted.every((key) => {
    const value = payload[key];
    return typeof value === 'string' && [...value].length <= (shape.fields[key] ?? -1);
  });
}

const stringArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', 'ana@example.com', '\0', '\ud800', 'promptgrimoire://auth/callback?token=x'),
  fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)),
  // Right at the limits, where an off-by-one would hide.
  fc.constantFrom(EMAIL_MAX_LENGTH, PERSON_NAME_MAX_LENGTH, PASTED_LINK_MAX_LENGTH, ERROR_MESSAGE_MAX_LENGTH, ERROR_STACK_MAX_LENGTH).chain((limit) => fc.integer({ min: limit - 1, max: limit + 1 }).map((n) => 'é'.repeat(n))),
  fc.nat({ max: 60 }).map((n) => '\ud83d\ude00'.repeat(n)),
);
const oddValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, 0, -1, NaN, Infinity, true, false, 10n, [], {}, () => 1, Symbol('s'), new Date(0), /x/, new Map(), new Uint8Array(4)),
  fc.double(),
  fc.array(stringArb, { maxLength: 3 }),
);
const valueArb = fc.oneof({ arbitrary: stringArb, weight: 4 }, { arbitrary: oddValueArb, weight: 1 });
const KEYS = ['email', 'link', 'firstName', 'lastName', 'message', 'stack', 'token', '__proto__', 'constructor', 'toString', 'EMAIL', ''];

/** Objects shaped like a channel's payload, then bent: keys dropped, added, retyped. */
const shapedArb = (shape: Shape): fc.Arbitrary<unknown> => {
  const wanted = shape.kind === 'fields' ? Object.keys(shape.fields) : [];
  return fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...wanted, ...KEYS), valueArb), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom(...(wanted.length > 0 ? wanted : ['email'])), stringArb),
      fc.constantFrom('plain', 'null-proto', 'json'),
    )
    .map(([extra, base, make]) => {
      const entries = [...Object.entries(base), ...extra];
      if (make === 'json') {
        // What arrives when a page builds the object from JSON: '__proto__' becomes an own key.
        try {
          return JSON.parse(`{${entries.filter(([, v]) => typeof v === 'string').map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`) as unknown;
        } catch {
          return {};
        }
      }
      const target: Record<string, unknown> = make === 'null-proto' ? (Object.create(null) as Record<string, unknown>) : {};
      for (const [key, value] of entries) Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return target;
    });
};

const payloadArb = (shape: Shape): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: shapedArb(shape), weight: 8 }, { arbitrary: oddValueArb, weight: 1 }, { arbitrary: stringArb, weight: 1 });

// Generating is what costs; parsing is cheap. Channels with the same contract share one
// seed and one cached batch of generated payloads, so each schema still sees every one of
// them. A fuzz run's ten-fold count is generated batch by batch, never held at once.
const BATCH = BASE_RUNS_PER_CHANNEL;
const seeds = new Map<string, number>();
const firstBatches = new Map<string, unknown[]>();

function batch(shape: Shape, seed: number, size: number): unknown[] {
  const odd = Math.round(size * ODD_SHARE);
  const payloads = fc.sample(payloadArb(shape), { seed, numRuns: size - odd });
  // Deeply odd values (nested arrays, maps, typed arrays) are the rarer, costlier part.
  payloads.push(...fc.sample(fc.anything({ maxDepth: 2 }), { seed: seed + 1, numRuns: odd }));
  return payloads;
}

function* payloadsFor(shape: Shape): Generator<unknown> {
  const key = JSON.stringify(shape);
  let seed = seeds.get(key);
  if (seed === undefined) {
    seed = fuzzSeed(1301 + seeds.size, BASE_RUNS_PER_CHANNEL, { file: import.meta.filename, label: 'IPC payload schemas' }).seed;
    seeds.set(key, seed);
  }
  let first = firstBatches.get(key);
  if (!first) {
    first = batch(shape, seed, Math.min(BATCH, RUNS_PER_CHANNEL));
    firstBatches.set(key, first);
  }
  yield* first;
  for (let done = first.length, round = 1; done < RUNS_PER_CHANNEL; done += BATCH, round += 1) {
    yield* batch(shape, seed + 2 * round, Math.min(BATCH, RUNS_PER_CHANNEL - done));
  }
}

describe('IPC payload schemas under fuzzing', () => {
  it('every channel has an expected shape here, and every shape a channel', () => {
    expect(Object.keys(INVOKE_CONTRACT).sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it.each(Object.keys(CONTRACT) as InvokeMethod[])(`%s: ${RUNS_PER_CHANNEL} payloads, accepted exactly per contract, never a throw`, FUZZ_TIMEOUT, (method) => {
    const shape = CONTRACT[method];
    const { channel, request: schema } = INVOKE_CONTRACT[method];
    let accepted = 0;
    let seen = 0;
    for (const payload of payloadsFor(shape)) {
      seen += 1;
      const result = schema.safeParse(payload);
      if (result.success) accepted += 1;
      if (result.success !== contractAccepts(shape, payload)) {
        expect.fail(`${channel}: schema ${result.success ? 'accepted' : 'refused'} ${String(JSON.stringify(payload)).slice(0, 200)}`);
      }
    }
    expect(seen).toBe(RUNS_PER_CHANNEL);
    console.log(`[fuzz] ipc ${channel}: ${RUNS_PER_CHANNEL} payloads, ${accepted} accepted, ${RUNS_PER_CHANNEL - accepted} refused`);
  });
});
