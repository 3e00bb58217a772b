// zod issues turned into sentences a person can act on: one per field, in the order the
// fields appear, each worded by the caller (the app-config's per-field help and example, the
// relay's short request errors).
// Rule: the wording lives with each caller; the walk over issues lives here once.
import type { z } from 'zod';

export interface FieldProblem {
  /** Dotted path, '' for the whole input. */
  field: string;
  path: readonly PropertyKey[];
  /** What the input holds there; undefined when it is missing. */
  value: unknown;
  issue: z.core.$ZodIssue;
}

export interface IssueWording {
  /** One sentence for a field that is missing or holds a wrong value. */
  field(problem: FieldProblem): string;
  /** Sentences for fields the schema does not define, all found under `parent`. */
  unknownFields(keys: readonly string[], parent: readonly string[]): string[];
}

/** One message per field (the first issue found for it), in the order zod reported them. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown, wording: IssueWording): string[] {
  const described = new Set<string>();
  const messages: string[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.filter((key) => !described.has([...base, key].join('.')));
      for (const key of keys) described.add([...base, key].join('.'));
      if (keys.length > 0) messages.push(...wording.unknownFields(keys, base));
      continue;
    }
    const field = base.join('.');
    if (described.has(field)) continue;
    described.add(field);
    messages.push(wording.field({ field, path: issue.path, value: valueAt(input, issue.path), issue }));
  }
  return messages;
}

// zod does not keep the offending input on an issue, so look it up to tell "missing" from
// "wrong".
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
