/**
 * Similarity of community and road names. Typos ("阳光花圆" / "阳光花园") count as similar,
 * but names that differ in a number or a direction ("科技南十一路" / "科技南十二路",
 * "人民南路" / "人民北路", "阳光花园1期" / "阳光花园2期") are different places, not typos.
 */

/** Levenshtein distance over UTF-16 code units (address characters are all in the BMP). */
export function editDistance(left: string, right: string): number {
  if (left === right) return 0;
  if (left.length === 0) return right.length;
  if (right.length === 0) return left.length;
  let previous = new Array<number>(right.length + 1);
  let current = new Array<number>(right.length + 1);
  for (let column = 0; column <= right.length; column++) previous[column] = column;
  for (let row = 1; row <= left.length; row++) {
    current[0] = row;
    const leftCode = left.charCodeAt(row - 1);
    for (let column = 1; column <= right.length; column++) {
      const substitution = (previous[column - 1] as number) + (leftCode === right.charCodeAt(column - 1) ? 0 : 1);
      const deletion = (previous[column] as number) + 1;
      const insertion = (current[column - 1] as number) + 1;
      current[column] = Math.min(substitution, deletion, insertion);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length] as number;
}

const NUMERALS = /[\d零〇一二两三四五六七八九十百千]+/g;
const DIRECTIONS = /[东西南北中上下前后内外]/g;

function joinedMatches(text: string, pattern: RegExp): string {
  const matches = text.match(pattern);
  return matches === null ? '' : matches.join(',');
}

/** True when the names cannot be typos of each other: their numbers or directions differ. */
export function namesConflict(left: string, right: string): boolean {
  if (joinedMatches(left, NUMERALS) !== joinedMatches(right, NUMERALS)) return true;
  const leftDirections = joinedMatches(left, DIRECTIONS);
  const rightDirections = joinedMatches(right, DIRECTIONS);
  // "人民南路" vs "人民北路" conflict; "南山花园" vs "南山花园" obviously not. Only compare when
  // the names are the same length, so an added or dropped word is still a possible typo.
  return left.length === right.length && leftDirections !== rightDirections;
}

export const SIMILARITY_THRESHOLD = 0.6;

/**
 * 1 for equal names, 0 for conflicting ones, otherwise 1 − edit distance / longer length,
 * raised to the threshold when one name contains the other ("阳光花园" in "深圳阳光花园").
 */
export function nameSimilarity(left: string, right: string): number {
  if (left === right) return 1;
  if (left.length === 0 || right.length === 0) return 0;
  if (namesConflict(left, right)) return 0;
  const ratio = 1 - editDistance(left, right) / Math.max(left.length, right.length);
  const shorter = left.length <= right.length ? left : right;
  const longer = shorter === left ? right : left;
  if (shorter.length >= 2 && longer.includes(shorter)) return Math.max(ratio, SIMILARITY_THRESHOLD);
  return ratio;
}
