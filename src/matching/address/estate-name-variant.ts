import { pinyin } from 'pinyin-pro';

/**
 * One estate written two ways: the same name with one character swapped for one that sounds the same
 * (花园/花圆, 御景/御境, 新城/新成: the typist picked the wrong candidate in a pinyin input method) or looks
 * alike (锦绣/绵绣: misread from handwriting or a scan). Anything else, a second character, another length,
 * a number or a direction, is not this kind of typo.
 */

export type EstateNameVariantKind = 'homophone' | 'similar-shape';

export interface EstateNameVariant {
  readonly kind: EstateNameVariantKind;
  readonly left: string;
  readonly right: string;
}

// Pairs misread for each other in estate names; a pair that also sounds alike is found by pinyin first.
const SIMILAR_SHAPES: readonly string[] = [
  '锦绵', '苑宛', '郡群', '郡都', '墅野', '馨罄', '嘉喜', '己已', '已巳', '未末', '士土', '日曰', '大太', '王玉',
  '天夭', '木本', '睛晴', '清请', '侯候', '梁粱', '辨辩', '拔拨', '莱菜', '壁璧', '崇祟', '泪沮', '洒酒', '戍戌',
  '贝见', '田由', '由甲', '甲申', '兔免', '鸟乌', '问间', '徽微', '雅鸦', '澜斓', '瀚翰', '泓弘', '铂柏',
  '桦烨', '璟憬', '熙照', '晖辉', '曦羲', '碧璧', '邸底', '溪奚', '浩皓',
];
const SIMILAR_PAIRS = new Set(SIMILAR_SHAPES.flatMap((pair) => [pair, `${pair[1]}${pair[0]}`]));

// Digits, letters, Chinese numerals and directions tell phases and zones apart (name-similarity.ts).
const NOT_A_TYPO = /[\dA-Z零〇一二两三四五六七八九十百千东西南北]/;
// In a two-character name (华府/花府, 景泰/井泰) one character is half the name: too much to call a typo.
const MINIMUM_NAME_LENGTH = 3;

function readings(character: string): readonly string[] {
  return pinyin(character, { toneType: 'none', multiple: true, type: 'array' });
}

/** True when the two characters share a toneless reading (景 jǐng / 境 jìng; polyphones by any reading). */
export function soundAlike(left: string, right: string): boolean {
  const leftReadings = readings(left);
  return readings(right).some((reading) => leftReadings.includes(reading));
}

export function lookAlike(left: string, right: string): boolean {
  return SIMILAR_PAIRS.has(`${left}${right}`);
}

/**
 * The single character in which two estate names of equal length (at least three characters) differ,
 * when it is a homophone or look-alike; undefined for equal names and for every other difference.
 */
export function estateNameVariant(left: string, right: string): EstateNameVariant | undefined {
  if (left.length !== right.length || left.length < MINIMUM_NAME_LENGTH || left === right) return undefined;
  let position = -1;
  for (let index = 0; index < left.length; index++) {
    if (left[index] === right[index]) continue;
    if (position !== -1) return undefined;
    position = index;
  }
  const leftCharacter = left.charAt(position);
  const rightCharacter = right.charAt(position);
  if (NOT_A_TYPO.test(leftCharacter) || NOT_A_TYPO.test(rightCharacter)) return undefined;
  if (soundAlike(leftCharacter, rightCharacter)) return { kind: 'homophone', left: leftCharacter, right: rightCharacter };
  if (lookAlike(leftCharacter, rightCharacter)) return { kind: 'similar-shape', left: leftCharacter, right: rightCharacter };
  return undefined;
}
