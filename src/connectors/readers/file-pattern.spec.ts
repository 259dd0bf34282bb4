import { describe, expect, it } from 'vitest';
import { FilePatternError, fileNameMatcher } from './file-pattern.js';

describe('fileNameMatcher', () => {
  it.each([
    ['*.csv', 'contacts.csv', true],
    ['*.csv', 'contacts.CSV', false],
    ['*.csv', 'contacts.csv.tmp', false],
    ['*.csv', '.hidden.csv', false],
    ['.*.csv', '.hidden.csv', true],
    ['*', 'anything', true],
    ['*', '.part', false],
    ['crm-????-??-??.csv', 'crm-2026-12-03.csv', true],
    ['crm-????-??-??.csv', 'crm-2026-12-3.csv', false],
    ['export_[0-9]*.ndjson', 'export_7.ndjson', true],
    ['export_[0-9]*.ndjson', 'export_x.ndjson', false],
    ['export_[!0-9]*.ndjson', 'export_x.ndjson', true],
    ['*.{csv,txt}', 'a.txt', true],
    ['*.{csv,txt}', 'a.tsv', false],
    ['a+b(1).csv', 'a+b(1).csv', true],
    ['a+b(1).csv', 'aab(1).csv', false],
    ['file\\*.csv', 'file*.csv', true],
    ['file\\*.csv', 'filex.csv', false],
    ['客户_*.csv', '客户_20261203.csv', true],
    ['客户_?.csv', '客户_甲.csv', true],
    ['[]x].csv', '].csv', true],
    ['*a*b', 'xaxxb', true],
    ['*a*b', 'xaxxbc', false],
  ])('%j on %j → %s', (pattern, name, expected) => {
    expect(fileNameMatcher(pattern)(name)).toBe(expected);
  });

  it('never matches . or ..', () => {
    expect(fileNameMatcher('.*')('..')).toBe(false);
    expect(fileNameMatcher('.*')('.')).toBe(false);
  });

  it.each([
    ['dir/*.csv', /without "\/"/],
    ['[abc', /without a closing "]"/],
    ['{a,b', /without a closing "}"/],
    ['a}', /"}" without "{"/],
    ['{a,{b}}', /cannot be nested/],
    ['x\\', /lone "\\"/],
    ['[z-a]', /reversed range/],
  ])('refuses %j', (pattern, message) => {
    expect(() => fileNameMatcher(pattern)).toThrow(FilePatternError);
    expect(() => fileNameMatcher(pattern)).toThrow(message);
  });

  it('stays quick on a pattern that would make a backtracking regex explode', () => {
    const matcher = fileNameMatcher('*a*a*a*a*a*a*a*a*a*a*a*a*b');
    const started = performance.now();
    expect(matcher('a'.repeat(250))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
