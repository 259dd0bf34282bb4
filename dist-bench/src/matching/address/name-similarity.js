/**
 * Similarity of community and road names. Typos ("阳光花圆" / "阳光花园") count as similar,
 * but names that differ in a number or a direction ("科技南十一路" / "科技南十二路",
 * "人民南路" / "人民北路", "阳光花园1期" / "阳光花园2期") are different places, not typos.
 */
/** Levenshtein distance over UTF-16 code units (address characters are all in the BMP). */
export function editDistance(left, right) {
    if (left === right)
        return 0;
    if (left.length === 0)
        return right.length;
    if (right.length === 0)
        return left.length;
    let previous = new Array(right.length + 1);
    let current = new Array(right.length + 1);
    for (let column = 0; column <= right.length; column++)
        previous[column] = column;
    for (let row = 1; row <= left.length; row++) {
        current[0] = row;
        const leftCode = left.charCodeAt(row - 1);
        for (let column = 1; column <= right.length; column++) {
            const substitution = previous[column - 1] + (leftCode === right.charCodeAt(column - 1) ? 0 : 1);
            const deletion = previous[column] + 1;
            const insertion = current[column - 1] + 1;
            current[column] = Math.min(substitution, deletion, insertion);
        }
        [previous, current] = [current, previous];
    }
    return previous[right.length];
}
export const SIMILARITY_THRESHOLD = 0.6;
const NUMERALS = /[\d零〇一二两三四五六七八九十百千]+/g;
// 中/上/下 are too common inside names (中心, 中海) to mean a direction.
const DIRECTIONS = /[东西南北]/g;
function joinedMatches(text, pattern) {
    const matches = text.match(pattern);
    return matches === null ? '' : matches.join(',');
}
function partsDiffer(left, right, pattern, strict) {
    const leftParts = joinedMatches(left, pattern);
    const rightParts = joinedMatches(right, pattern);
    if (leftParts === rightParts)
        return false;
    // Leniently, a number or direction on one side only is a missing detail ("阳光花园" vs
    // "阳光花园2期"); strictly, as for roads, it is another place ("人民路" vs "人民南路").
    return strict || (leftParts.length > 0 && rightParts.length > 0);
}
/**
 * True when the names cannot be typos of each other: they agree apart from their numbers or
 * directions, and those differ ("阳光花园1期"/"阳光花园2期", "人民南路"/"人民北路"). `strict`
 * also counts a number or direction present on one side only, which is right for road names.
 */
export function namesConflict(left, right, strict = false) {
    const numbersDiffer = partsDiffer(left, right, NUMERALS, strict);
    const directionsDiffer = partsDiffer(left, right, DIRECTIONS, strict);
    if (!numbersDiffer && !directionsDiffer)
        return false;
    const leftRest = left.replace(NUMERALS, '').replace(DIRECTIONS, '');
    const rightRest = right.replace(NUMERALS, '').replace(DIRECTIONS, '');
    return leftRest === rightRest || plainSimilarity(leftRest, rightRest) >= SIMILARITY_THRESHOLD;
}
function plainSimilarity(left, right) {
    const longer = Math.max(left.length, right.length);
    return longer === 0 ? 1 : 1 - editDistance(left, right) / longer;
}
/**
 * 1 for equal names, 0 for conflicting ones (see namesConflict), otherwise 1 − edit distance / longer length,
 * raised to the threshold when one name contains the other ("阳光花园" in "深圳阳光花园").
 */
export function nameSimilarity(left, right, strict = false) {
    if (left === right)
        return 1;
    if (left.length === 0 || right.length === 0)
        return 0;
    if (namesConflict(left, right, strict))
        return 0;
    const ratio = plainSimilarity(left, right);
    const shorter = left.length <= right.length ? left : right;
    const longer = shorter === left ? right : left;
    if (shorter.length >= 2 && longer.includes(shorter))
        return Math.max(ratio, SIMILARITY_THRESHOLD);
    return ratio;
}
//# sourceMappingURL=name-similarity.js.map