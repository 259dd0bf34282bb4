import type { z } from 'zod';
import { type InputProblem, replaceUnsafeText } from './text.js';

/** How a value is named in a message: "a number", "an object", "null". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Input quoted in a message, cut so a huge value cannot blow up the answer. */
export function clip(value: string): string {
  return replaceUnsafeText(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

/**
 * Every input error in the API's own words, the ones the ingest record validator has always used
 * ("is required", "is 501 characters, at most 500 allowed"). A schema words its own special cases.
 */
export const inputErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      // A number read from a query string: its type says nothing, the value was not a number.
      if (issue.expected === 'number' || issue.expected === 'int') return `must be ${expected}`;
      return `must be ${expected}, got ${describeType(issue.input)}`;
    }
    case 'too_big':
      if (issue.origin === 'string') return `is ${[...(issue.input as string)].length} characters, at most ${issue.maximum} allowed`;
      if (issue.origin === 'array') return `has ${(issue.input as unknown[]).length} entries, at most ${issue.maximum} allowed`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'must not be empty' : `is ${[...(issue.input as string)].length} characters, at least ${issue.minimum} required`;
      if (issue.origin === 'array') return `has ${(issue.input as unknown[]).length} entries, at least ${issue.minimum} required`;
      return issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    case 'invalid_value':
      if (issue.input === undefined) return 'is required';
      return `"${clip(String(issue.input))}" is not one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `does not match ${issue.pattern}` : `is not a valid ${issue.format}`;
    default:
      return undefined;
  }
};

/** A schema's own error also words the issues of its checks; this one words only a value of the wrong type. */
export function typeError(message: (issue: z.core.$ZodRawIssue) => string): z.core.$ZodErrorMap {
  return (issue) => (issue.code === 'invalid_type' ? message(issue) : undefined);
}

/**
 * "field: reason" for each issue, field paths as in JavaScript (addresses[1].text) and `root` for
 * the value itself. A list's own problem (too many entries) comes before those of its entries.
 */
export function issueMessages(issues: readonly z.core.$ZodIssue[], root: string): string[] {
  // Zod still measures a value of the wrong type that has a length (a string for a list): say only that the type is wrong.
  const mistyped = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => pathKey(issue.path)));
  const ordered: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code !== 'invalid_type' && mistyped.has(pathKey(issue.path))) continue;
    // Zod reports a container after its contents; those contents are the issues just before it.
    let at = ordered.length;
    while (at > 0 && isInside(ordered[at - 1].path, issue.path)) at -= 1;
    ordered.splice(at, 0, issue);
  }
  return ordered.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${fieldName([...issue.path, key], root)}: is not an accepted field`)
      : [`${fieldName(issue.path, root)}: ${issue.message}`],
  );
}

/** addresses[1].text */
export function fieldName(path: readonly PropertyKey[], root: string): string {
  if (path.length === 0) return root;
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`)).join('');
}

function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}

function isInside(path: readonly PropertyKey[], container: readonly PropertyKey[]): boolean {
  return path.length > container.length && container.every((segment, index) => path[index] === segment);
}

/**
 * A validator's "field: reason" messages with the input problem (storable text, length, depth; see
 * inputProblem) added unless a message already names its field; every message storable text.
 */
export function withInputProblem(errors: readonly string[], problem: InputProblem | undefined, root: string): string[] {
  const all = [...errors];
  if (problem) {
    const field = fieldName(problem.path, root);
    if (!all.some((error) => error.startsWith(`${field}:`))) all.push(`${field}: ${problem.problem}`);
  }
  return all.map(replaceUnsafeText);
}
