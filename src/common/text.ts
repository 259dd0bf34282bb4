import { z } from 'zod';

/**
 * Text the service can store and compare: PostgreSQL text and jsonb hold no NUL, and a lone UTF-16
 * surrogate is not Unicode (the driver silently turns it into U+FFFD, so what is stored would
 * differ from what was checked). Every string taken from a request is checked once against these.
 */
export const TEXT_PROBLEMS = {
  nul: 'contains a NUL character',
  surrogate: 'contains an unpaired UTF-16 surrogate (not valid Unicode)',
} as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Why a string cannot be taken as text, or undefined when it can. */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return TEXT_PROBLEMS.nul;
  if (LONE_SURROGATE.test(value)) return TEXT_PROBLEMS.surrogate;
  return undefined;
}

/** The string with each NUL and lone surrogate replaced by U+FFFD: for keeping bad input to look at, never for using it. */
export function replaceUnsafeText(value: string): string {
  return value.replace(/\u0000/g, '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');
}

/** The zod check every string schema carries (see text()): NUL and lone surrogates are refused. */
export function wellFormedText(payload: z.core.ParsePayload<string>): void {
  const problem = textProblem(payload.value);
  if (problem) payload.issues.push({ code: 'custom', input: payload.value, message: problem });
}

/** A string schema whose value is storable text; chain limits (`.max()`) as on z.string(). */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).check(wellFormedText);
}

export interface InputLimits {
  /** Objects and arrays inside one another; the value itself is depth 0. */
  maxDepth: number;
  /** Characters of any one string (keys included). */
  maxStringLength: number;
}

export interface InputProblem {
  path: (string | number)[];
  problem: string;
  /** Nesting too deep: nothing recursive should walk the value. */
  tooDeep?: true;
}

/**
 * The first problem of a parsed JSON (or query) value: a string that is not storable text or is too
 * long, or nesting deeper than allowed. Iterative, so no input can exhaust the stack.
 */
export function inputProblem(value: unknown, limits: InputLimits): InputProblem | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = stringProblem(current, limits.maxStringLength);
      if (problem) return { path, problem };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= limits.maxDepth) return { path, problem: `is nested more than ${limits.maxDepth} levels deep`, tooDeep: true };
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) stack.push({ value: current[index], path: [...path, index] });
      continue;
    }
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index];
      const keyProblem = stringProblem(key, limits.maxStringLength);
      if (keyProblem) return { path: [...path, clipKey(key)], problem: `(the field name) ${keyProblem}` };
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return undefined;
}

function stringProblem(value: string, maxLength: number): string | undefined {
  if (value.length > maxLength) return `is ${value.length} characters, at most ${maxLength} allowed`;
  return textProblem(value);
}

function clipKey(key: string): string {
  return replaceUnsafeText(key.length > 40 ? `${key.slice(0, 40)}…` : key);
}

/** A UUID as PostgreSQL's uuid type reads it in canonical form. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Largest PostgreSQL bigint: a bigint cursor beyond it is not one this API handed out. */
export const MAX_BIGINT = 9_223_372_036_854_775_807n;
