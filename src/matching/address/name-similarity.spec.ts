import { describe, expect, it } from 'vitest';
import { editDistance, nameSimilarity, namesConflict, SIMILARITY_THRESHOLD } from './name-similarity.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['阳光花园', '阳光花园', 0],
    ['阳光花园', '阳光花圆', 1],
    ['阳光花园', '阳光花园小区', 2],
    ['', '碧桂园', 3],
    ['碧桂园', '', 3],
    ['kitten', 'sitting', 3],
  ])('%s / %s → %i', (left, right, distance) => {
    expect(editDistance(left, right)).toBe(distance);
    expect(editDistance(right, left)).toBe(distance);
  });
});

describe('namesConflict', () => {
  it.each([
    ['阳光花园1期', '阳光花园2期'],
    ['阳光花园一期', '阳光花园2期'],
    ['阳光花园东区', '阳光花园西区'],
  ])('%s / %s conflict', (left, right) => {
    expect(namesConflict(left, right)).toBe(true);
  });

  it.each([
    ['阳光花园', '阳光花园2期'],
    ['阳光花园', '阳光花园东区'],
    ['国贸大厦', '金融中心'],
    ['阳光花园', '阳光花圆'],
  ])('%s / %s do not conflict leniently', (left, right) => {
    expect(namesConflict(left, right)).toBe(false);
  });

  it.each([
    ['中关村大街', '中关村南大街'],
    ['科技南路', '科技南十二路'],
    ['人民南路', '人民北路'],
    ['科技南十一路', '科技南十二路'],
  ])('%s / %s conflict strictly (roads)', (left, right) => {
    expect(namesConflict(left, right, true)).toBe(true);
  });
});

describe('nameSimilarity', () => {
  it('is 1 for equal names and 0 for empty or conflicting ones', () => {
    expect(nameSimilarity('碧桂园', '碧桂园')).toBe(1);
    expect(nameSimilarity('', '碧桂园')).toBe(0);
    expect(nameSimilarity('阳光花园1期', '阳光花园2期')).toBe(0);
  });

  it('is at least the threshold for a typo or a contained name', () => {
    expect(nameSimilarity('阳光花园', '阳光花圆')).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(nameSimilarity('阳光花园', '深圳阳光花园城')).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
  });

  it('is below the threshold for unrelated names', () => {
    expect(nameSimilarity('阳光花园', '碧桂园')).toBeLessThan(SIMILARITY_THRESHOLD);
    expect(nameSimilarity('国贸大厦', '金融中心')).toBeLessThan(SIMILARITY_THRESHOLD);
  });
});
