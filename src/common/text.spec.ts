import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputProblem, replaceUnsafeText, text, textProblem } from './text.js';

describe('text at the boundary', () => {
  it('refuses NUL and lone surrogates, accepts paired ones', () => {
    expect(textProblem('张三😀𠀋')).toBeUndefined();
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    for (const lone of ['\uD83D', '\uDE00', 'x\uDE00\uD83D', '\uDBFFz']) expect(textProblem(lone)).toMatch(/surrogate/);
    expect(replaceUnsafeText('a\u0000\uD83D😀\uDE00')).toBe('a\uFFFD\uFFFD😀\uFFFD');
  });

  it('gives every string schema the same check, its own limits still apply', () => {
    const schema = z.object({ note: text().max(5) });
    expect(schema.safeParse({ note: 'ok😀' }).success).toBe(true);
    const issues = schema.safeParse({ note: 'a\u0000' }).error?.issues ?? [];
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([[['note'], 'contains a NUL character']]);
    expect(schema.safeParse({ note: 'x'.repeat(6) }).success).toBe(false);
  });

  it('finds the first problem anywhere in a value without recursion', () => {
    const limits = { maxDepth: 32, maxStringLength: 10 };
    expect(inputProblem({ a: [1, 'ok', { b: null }] }, limits)).toBeUndefined();
    expect(inputProblem({ a: [1, 'x\u0000'] }, limits)).toEqual({ path: ['a', 1], problem: 'contains a NUL character' });
    expect(inputProblem({ ['k\uD800']: 1 }, limits)?.problem).toMatch(/field name.*surrogate/);
    expect(inputProblem({ a: 'x'.repeat(11) }, limits)).toEqual({ path: ['a'], problem: 'is 11 characters, at most 10 allowed' });
    let deep: unknown = 1;
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(inputProblem(deep, limits)?.problem).toBe('is nested more than 32 levels deep');
  });
});
