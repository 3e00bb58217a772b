import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, valueAt, type IssueWording } from '../../../common/config/describe-issues';

const wording: IssueWording = {
  field: ({ field, value }) => `${field || '(root)'}: ${value === undefined ? 'missing' : `got ${JSON.stringify(value)}`}`,
  unknownFields: (keys, parent) => [`unknown under "${parent.join('.')}": ${keys.join(', ')}`],
};

const schema = z.strictObject({
  name: z.string().min(2).max(3),
  inner: z.strictObject({ port: z.number().int().min(1) }),
});

function messages(input: unknown): string[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected issues');
  return describeIssues(parsed.error.issues, input, wording);
}

describe('describeIssues', () => {
  it('gives one sentence per field, worded by the caller, telling missing from wrong', () => {
    expect(messages({ inner: { port: 0 } })).toEqual(['name: missing', 'inner.port: got 0']);
    expect(messages({ name: 'x', inner: { port: 1.5 } })).toEqual(['name: got "x"', 'inner.port: got 1.5']);
  });

  it('hands unknown fields to the caller grouped by where they were found', () => {
    expect(messages({ name: 'abc', inner: { port: 1, extra: 1, more: 2 }, top: true })).toEqual([
      'unknown under "inner": extra, more',
      'unknown under "": top',
    ]);
  });

  it('describes the whole input when it is not an object at all', () => {
    for (const input of [null, 'text', 42, []]) expect(messages(input)).toEqual([`(root): got ${JSON.stringify(input)}`]);
  });

  it('looks values up without being fooled by hostile inputs', () => {
    expect(valueAt({ a: { b: 1 } }, ['a', 'b'])).toBe(1);
    expect(valueAt({ a: 'text' }, ['a', 'length', 'x'])).toBeUndefined();
    expect(valueAt(null, ['a'])).toBeUndefined();
    expect(messages(JSON.parse('{"__proto__": {"name": "abc"}, "inner": {"port": 1}}'))).toEqual(['name: missing', 'unknown under "": __proto__']);
  });
});
