import { describe, expect, it } from 'vitest';
import { closestCommunity, normaliseCommunityName } from './community-name.js';

describe('normaliseCommunityName', () => {
  it.each([
    ['阳光花园小区', '阳光花园'],
    ['阳光花园住宅小区', '阳光花园'],
    ['翠湖社区', '翠湖'],
    ['翠湖社区居委会', '翠湖'],
    ['幸福村村委会', '幸福村'],
    ['幸福村民委员会', '幸福村'],
    ['碧桂园', '碧桂园'],
    ['社区', '社区'],
  ])('%s → %s', (name, expected) => {
    expect(normaliseCommunityName(name)).toBe(expected);
  });

  it('is undefined when only noise remains', () => {
    expect(normaliseCommunityName('小区')).toBeUndefined();
    expect(normaliseCommunityName('')).toBeUndefined();
  });
});

describe('closestCommunity', () => {
  const block = ['碧桂园', '阳光花园', '万科城', '锦绣家园', '翠湖苑'] as const;

  it('finds the estate behind a one-character typo', () => {
    expect(closestCommunity('阳光花圆', block)).toEqual({ name: '阳光花园', score: expect.any(Number) });
    const match = closestCommunity('阳光花圆', block);
    expect(match?.score).toBeGreaterThan(0.6);
    expect(match?.score).toBeLessThan(1);
  });

  it('scores an equal name (after normalisation) 1 and returns the candidate as written', () => {
    expect(closestCommunity('阳光花园小区', block)).toEqual({ name: '阳光花园', score: 1 });
    expect(closestCommunity('万科城', ['万科城小区'])).toEqual({ name: '万科城小区', score: 1 });
    expect(closestCommunity('陽光花園', block)).toEqual({ name: '阳光花园', score: 1 });
  });

  it('returns undefined when nothing is close', () => {
    expect(closestCommunity('国贸大厦', block)).toBeUndefined();
  });

  it('never offers another phase or zone as a typo', () => {
    expect(closestCommunity('阳光花园2期', ['阳光花园1期', '碧桂园'])).toBeUndefined();
    expect(closestCommunity('阳光花园东区', ['阳光花园西区'])).toBeUndefined();
  });

  it('handles empty input', () => {
    expect(closestCommunity('', block)).toBeUndefined();
    expect(closestCommunity('阳光花园', [])).toBeUndefined();
    expect(closestCommunity('阳光花园', ['', '小区'])).toBeUndefined();
  });
});
