import Fuse from 'fuse.js';
import { nameSimilarity, namesConflict } from './name-similarity.js';
import { cleanAddressText, withoutBracketNotes } from './text-normalisation.js';
// Words that say "this is a residential compound" without naming it: 阳光花园小区 = 阳光花园.
const COMMUNITY_NOISE = /住宅小区|小区|住宅区|居住区|生活区|社区居委会|居民委员会|居委会|(?<=.{2})社区$/g;
const VILLAGE_COMMITTEE = /村?(?:村民委员会|村委会)/g;
const EDGE_NOISE = /^[-()]+|[-()]+$/g;
/**
 * Canonical community name: noise words removed ("小区", "社区", "居委会"), village committees
 * folded to the village ("幸福村村委会" → "幸福村"). Undefined when nothing remains.
 */
export function normaliseCommunityName(name) {
    const normalised = name.replace(VILLAGE_COMMITTEE, '村').replace(COMMUNITY_NOISE, '').replace(EDGE_NOISE, '');
    return normalised.length > 0 ? normalised : undefined;
}
function normaliseForSearch(name) {
    return normaliseCommunityName(withoutBracketNotes(cleanAddressText(name))) ?? '';
}
// Bitap error ratio; 0.4 lets one wrong character in four through ("阳光花圆" → "阳光花园").
const FUSE_THRESHOLD = 0.4;
/**
 * The candidate that best matches a possibly misspelt community name. Meant for a small list
 * (one block of addresses); a new Fuse index per call is cheap at that size. Candidates whose
 * numbers or directions differ ("1期"/"2期", "东区"/"西区") are never offered as a match.
 */
export function closestCommunity(name, candidates) {
    const query = normaliseForSearch(name);
    if (query.length === 0 || candidates.length === 0)
        return undefined;
    const prepared = [];
    for (const original of candidates) {
        const normalised = normaliseForSearch(original);
        if (normalised.length === 0)
            continue;
        if (normalised === query)
            return { name: original, score: 1 };
        prepared.push({ original, normalised });
    }
    const fuse = new Fuse(prepared, {
        keys: ['normalised'],
        includeScore: true,
        threshold: FUSE_THRESHOLD,
        ignoreLocation: true,
        isCaseSensitive: true,
    });
    for (const result of fuse.search(query)) {
        if (namesConflict(query, result.item.normalised))
            continue;
        const fuseScore = 1 - (result.score ?? 1);
        const score = Math.min(0.99, Math.max(fuseScore, nameSimilarity(query, result.item.normalised)));
        return { name: result.item.original, score: Math.round(score * 1000) / 1000 };
    }
    return undefined;
}
//# sourceMappingURL=community-name.js.map