import { describe, expect, it } from 'vitest';
import { estateNameVariant, lookAlike, soundAlike } from './estate-name-variant.js';

describe('estateNameVariant', () => {
  it.each([
    ['阳光花园', '阳光花圆', 'homophone'],
    ['御景华府', '御境华府', 'homophone'],
    ['万科新城', '万科新成', 'homophone'],
    ['锦绣家园', '绵绣家园', 'similar-shape'],
    ['碧桂园', '璧桂园', 'homophone'],
    ['锦绣苑', '绵绣苑', 'similar-shape'],
    ['景泰', '井泰', undefined],
    ['华府', '花府', undefined],
  ] as const)('%s / %s: %s', (left, right, kind) => {
    expect(estateNameVariant(left, right)?.kind).toBe(kind);
  });

  it.each([
    ['阳光花园', '阳光花园', 'the same name'],
    ['阳光花园', '阳光家园', 'another word (花/家 neither sound nor look alike)'],
    ['阳光花园', '阴光花圆', 'two characters off'],
    ['阳光花园', '阳光花园城', 'another length'],
    ['阳光1期', '阳光2期', 'a phase number'],
    ['东城花园', '西城花园', 'a direction'],
    ['阳光一期', '阳光二期', 'a Chinese numeral'],
  ])('%s / %s is not a one-character variant: %s', (left, right) => {
    expect(estateNameVariant(left, right)).toBeUndefined();
  });

  it('reads polyphones by any of their readings and is symmetric', () => {
    expect(soundAlike('景', '影')).toBe(true); // 景 is also read yǐng
    expect(soundAlike('花', '家')).toBe(false);
    expect(lookAlike('锦', '绵')).toBe(lookAlike('绵', '锦'));
    expect(estateNameVariant('绵绣家园', '锦绣家园')).toEqual({ kind: 'similar-shape', left: '绵', right: '锦' });
  });
});
