// Narrowing of request bodies. The rule: a field of the wrong JSON type is a 400 bad_request
// naming the field; a missing optional field is undefined; unknown fields are ignored.
import { StytchApiError } from './errors';

export type Body = Record<string, unknown>;

export function asBody(value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StytchApiError('bad_request', 'The request body must be a JSON object.');
  }
  return value as Body;
}

function wrongType(key: string, expected: string): StytchApiError {
  return new StytchApiError('bad_request', `The submitted request is invalid: ${key} must be ${expected}.`);
}

export function optString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(key, 'a string');
  return value;
}

/** Required string; empty counts as missing. */
export function reqString(body: Body, key: string): string {
  const value = optString(body, key);
  if (value === undefined || value === '') {
    throw new StytchApiError('bad_request', `The submitted request is invalid: ${key} is required.`);
  }
  return value;
}

export function optInt(body: Body, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(key, 'an integer');
  return value;
}

export function optBool(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(key, 'a boolean');
  return value;
}

export function optObject(body: Body, key: string): Body | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(key, 'an object');
  return value as Body;
}

export interface Attributes {
  ip_address: string;
  user_agent: string;
}

export function optAttributes(body: Body): Attributes | undefined {
  const raw = optObject(body, 'attributes');
  if (!raw) return undefined;
  return { ip_address: optString(raw, 'ip_address') ?? '', user_agent: optString(raw, 'user_agent') ?? '' };
}

export interface Name {
  first_name?: string;
  middle_name?: string;
  last_name?: string;
}

export function optName(body: Body): Name | undefined {
  const raw = optObject(body, 'name');
  if (!raw) return undefined;
  const name: Name = {};
  const first = optString(raw, 'first_name');
  const middle = optString(raw, 'middle_name');
  const last = optString(raw, 'last_name');
  if (first !== undefined) name.first_name = first;
  if (middle !== undefined) name.middle_name = middle;
  if (last !== undefined) name.last_name = last;
  return name;
}
