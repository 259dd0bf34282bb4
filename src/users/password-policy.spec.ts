import { describe, expect, it } from 'vitest';
import { normaliseUsername, passwordProblem, usernameProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('needs at least 12 characters, counted as characters, not bytes', () => {
    expect(passwordProblem('short-pass1', 'op.one')).toBe('must be at least 12 characters');
    expect(passwordProblem('long-enough-1', 'op.one')).toBeUndefined();
    expect(passwordProblem('催收复核口令十一个字', 'op.one')).toMatch(/at least 12/);
    expect(passwordProblem('催收复核口令一共十二个字', 'op.one')).toBeUndefined();
  });

  it('refuses the username (in any case) and one character repeated', () => {
    expect(passwordProblem('Operator.Zhang', 'operator.zhang')).toBe('must not be the username');
    expect(passwordProblem('aaaaaaaaaaaaaa', 'op.one')).toBe('must not be one character repeated');
  });

  it('caps the length', () => {
    expect(passwordProblem('x1'.repeat(129), 'op.one')).toMatch(/at most 256/);
  });
});

describe('usernames', () => {
  it('are compared lower-cased and trimmed', () => {
    expect(normaliseUsername('  Zhang.Wei ')).toBe('zhang.wei');
  });

  it('allow letters, digits, dot, dash and underscore, a letter or digit at each end', () => {
    expect(usernameProblem('zhang.wei')).toBeUndefined();
    expect(usernameProblem('op_2')).toBeUndefined();
    expect(usernameProblem('a')).toMatch(/at least 2/);
    expect(usernameProblem('.zhang')).toBeDefined();
    expect(usernameProblem('zhang wei')).toBeDefined();
    expect(usernameProblem('user:1')).toBeDefined();
  });
});
