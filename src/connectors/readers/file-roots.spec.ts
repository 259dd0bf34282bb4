import { describe, expect, it } from 'vitest';
import { isUnderRoots, parseFileRoots } from './file-roots.js';

describe('isUnderRoots', () => {
  const roots = ['/srv/drop', '/data/partners/'];

  it.each([
    ['/srv/drop', true],
    ['/srv/drop/', true],
    ['/srv/drop/crm', true],
    ['/srv/drop/crm/2026/../2025', true],
    ['/data/partners/a', true],
    ['/srv//drop/./crm', true],
  ])('accepts %j', (path, expected) => {
    expect(isUnderRoots(path, roots)).toBe(expected);
  });

  it.each([
    ['/srv/drop/../etc', 'climbs out with ..'],
    ['/srv/drop/crm/../../../etc/passwd', 'climbs out deeper'],
    ['/srv/dropbox', 'only shares a prefix'],
    ['/srv', 'is a parent of a root'],
    ['/etc/passwd', 'is elsewhere'],
    ['srv/drop/crm', 'is relative'],
    ['/srv/drop/\0x', 'contains NUL'],
  ])('refuses %j (%s)', (path) => {
    expect(isUnderRoots(path, roots)).toBe(false);
  });

  it('refuses everything without roots, and ignores relative roots', () => {
    expect(isUnderRoots('/srv/drop', [])).toBe(false);
    expect(isUnderRoots('/srv/drop', ['srv/drop'])).toBe(false);
  });

  it('treats / as a root containing every absolute path', () => {
    expect(isUnderRoots('/anything/at/all', ['/'])).toBe(true);
  });
});

describe('parseFileRoots', () => {
  it('reads comma-separated absolute paths, trimmed, normalised, without blanks or repeats', () => {
    expect(parseFileRoots(' /srv/drop/ , ,/data//partners,/srv/drop')).toEqual(['/srv/drop', '/data/partners']);
  });

  it('gives no roots when unset or blank', () => {
    expect(parseFileRoots(undefined)).toEqual([]);
    expect(parseFileRoots('  ')).toEqual([]);
  });

  it('refuses a relative entry, naming it', () => {
    expect(() => parseFileRoots('/srv/drop,drop/crm')).toThrow(/"drop\/crm" is not an absolute path/);
  });
});
