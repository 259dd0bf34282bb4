import { boundedMemo } from './bounded-memo.js';
import { toHalfWidth, toSimplified } from '../../common/chinese-text.js';
export const CANONICAL_RELATIONS = [
    'spouse',
    'parent',
    'child',
    'sibling',
    'relative',
    'friend',
    'colleague',
    'classmate',
    'employer',
    'property_office',
    'neighbour',
    'other',
];
/**
 * Verbatim value returned for labels meaning the debtor themself ('本人', 'self', '借款人').
 * Self is a role, not a relation, so callers check for this marker and handle the role on their side.
 */
export const SELF_LABEL = '本人';
// Labels are written here in their plain simplified / lower-case form; lookups fold the input the same way,
// so traditional characters, full-width letters, case and separators need no entries of their own.
const LABELS = {
    spouse: [
        'spouse', 'wife', 'husband',
        '配偶', '老婆', '妻子', '妻', '爱人', '丈夫', '老公', '夫', '媳妇', '夫妻', '夫人', '太太', '伴侣',
    ],
    // Parents-in-law count as parents: collectors treat them as immediate family in practice.
    parent: [
        'parent', 'parents', 'mother', 'father', 'mom', 'mum', 'mommy', 'mummy', 'mama', 'dad', 'daddy', 'papa',
        'stepmother', 'stepfather', 'mother in law', 'father in law', 'parent in law', 'parents in law',
        '父亲', '母亲', '爸爸', '妈妈', '父母', '爸', '妈', '父', '母', '老爸', '老妈', '爹', '娘', '家长',
        '继父', '继母', '养父', '养母', '岳父', '岳母', '公公', '婆婆', '丈人', '丈母娘',
    ],
    child: [
        'child', 'children', 'kid', 'kids', 'son', 'daughter', 'stepson', 'stepdaughter',
        '儿子', '女儿', '子女', '孩子', '儿女', '小孩',
    ],
    sibling: [
        'sibling', 'siblings', 'brother', 'sister', 'brothers', 'sisters', 'elder brother', 'younger brother',
        'elder sister', 'younger sister',
        '哥哥', '姐姐', '弟弟', '妹妹', '兄弟', '姐妹', '姊妹', '兄妹', '姐弟', '兄弟姐妹', '哥', '姐', '弟', '妹', '兄',
        '兄长', '胞兄', '胞弟', '胞姐', '胞妹',
    ],
    // Grandparents and the other in-laws (children's and siblings' spouses) are 'relative'.
    relative: [
        'relative', 'relatives', 'family', 'family member', 'kin', 'cousin', 'uncle', 'aunt', 'auntie', 'nephew',
        'niece', 'grandfather', 'grandmother', 'grandpa', 'grandma', 'grandparent', 'grandparents', 'grandson',
        'granddaughter', 'grandchild', 'brother in law', 'sister in law', 'son in law', 'daughter in law',
        '表哥', '表姐', '表弟', '表妹', '表兄', '表兄弟', '表姐妹', '堂哥', '堂兄', '堂姐', '堂弟', '堂妹', '堂兄弟', '堂姐妹',
        '叔叔', '阿姨', '舅舅', '姑姑', '姨妈', '伯伯', '伯父', '伯母', '叔父', '婶婶', '舅妈', '姑妈', '姑父', '姨父',
        '叔', '舅', '姑', '姨', '爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '祖父', '祖母',
        '侄子', '侄女', '姪子', '姪女', '外甥', '外甥女', '孙子', '孙女', '外孙', '外孙女',
        '亲戚', '亲属', '亲人', '家人', '家属', '嫂子', '姐夫', '妹夫', '弟媳', '女婿', '儿媳',
    ],
    // Boyfriends and girlfriends are social ties, not spouses: no legal or shared-household link.
    friend: [
        'friend', 'friends', 'best friend', 'buddy', 'girlfriend', 'boyfriend', 'roommate', 'flatmate',
        'fellow villager', 'fellow townsman',
        '朋友', '好友', '同乡', '老乡', '男朋友', '女朋友', '男友', '女友', '闺蜜', '发小', '战友', '室友', '熟人',
    ],
    colleague: [
        'colleague', 'colleagues', 'coworker', 'coworkers', 'workmate', 'supervisor', 'manager', 'leader',
        '同事', '领导', '上司', '上级', '下属', '主管', '工友', '合伙人',
    ],
    classmate: ['classmate', 'classmates', 'schoolmate', 'alumnus', 'alumni', '同学', '老同学', '校友'],
    employer: [
        'employer', 'company', 'boss', 'work', 'workplace', 'work unit', 'hr', 'human resources',
        '单位', '公司', '工作单位', '雇主', '老板', '人事', '人事部',
    ],
    // Residents' and village committees and landlords sit here: like a property office they know where
    // the debtor lives without being a personal tie.
    property_office: [
        'property office', 'property management', 'property manager', 'property', 'building management',
        'management office', 'landlord', 'residents committee', 'neighbourhood committee', 'neighborhood committee',
        'village committee',
        '物业', '物业公司', '物业管理', '物管', '管理处', '居委会', '居委', '村委会', '村委', '社区', '街道办', '房东',
    ],
    neighbour: ['neighbour', 'neighbor', 'neighbours', 'neighbors', '邻居', '邻里', '隔壁'],
    other: ['other'],
    self: ['self', 'me', 'myself', 'borrower', 'applicant', '本人', '自己', '借款人', '申请人'],
};
// Whitespace, '_', '-', '.', apostrophes and middle dots never change a label's meaning.
const SEPARATORS = /[\s_\-.'’·•]+/g;
function labelKey(label) {
    return toSimplified(toHalfWidth(label)).toLowerCase().replace(SEPARATORS, '');
}
function buildLookup() {
    const lookup = new Map();
    for (const [meaning, labels] of Object.entries(LABELS)) {
        for (const label of labels) {
            const key = labelKey(label);
            const existing = lookup.get(key);
            // A label listed under two relations is a mistake in the table above; fail at load, not silently.
            if (existing !== undefined && existing !== meaning) {
                throw new Error(`Relation label '${label}' is listed as both ${existing} and ${meaning}`);
            }
            lookup.set(key, meaning);
        }
    }
    return lookup;
}
const LOOKUP = buildLookup();
const CANONICAL_KEYS = new Map(CANONICAL_RELATIONS.map((relation) => [labelKey(relation), relation]));
// Who the contact belongs to ('本人的妻子', '借款人母亲') and what the field holds ('配偶电话', '同事关系').
const OWNER_PREFIXES = ['本人的', '本人', '借款人的', '借款人', '债务人的', '债务人', '客户的', '客户', '申请人的', '申请人', '我的', 'my'];
const FIELD_SUFFIXES = ['关系', '的电话', '电话', '手机号', '手机', '号码'];
const BRACKET_CHARACTERS = /[()[\]{}<>【】〔〕《》「」『』]/g;
const BRACKETED_GROUP = /[([{<【〔《「『][^)\]}>】〕》」』]*[)\]}>】〕》」』]/g;
const BRACKET_CONTENT = /[([{<【〔《「『]([^)\]}>】〕》」』]*)[)\]}>】〕》」』]/g;
function withoutPrefix(key) {
    const prefix = OWNER_PREFIXES.find((candidate) => key.length > candidate.length && key.startsWith(candidate));
    return prefix === undefined ? key : key.slice(prefix.length);
}
function withoutSuffix(key) {
    const suffix = FIELD_SUFFIXES.find((candidate) => key.length > candidate.length && key.endsWith(candidate));
    return suffix === undefined ? key : key.slice(0, -suffix.length);
}
/** Keys to try, most literal first: '（配偶）', '妻子(主)', '张三（朋友）' all resolve. */
function candidateKeys(label) {
    const folded = toSimplified(toHalfWidth(label)).toLowerCase();
    const candidates = [folded.replace(BRACKET_CHARACTERS, ''), folded.replace(BRACKETED_GROUP, '')];
    for (const match of folded.matchAll(BRACKET_CONTENT)) {
        candidates.push(match[1] ?? '');
    }
    const keys = [];
    for (const candidate of candidates) {
        const key = candidate.replace(SEPARATORS, '');
        if (key !== '') {
            const bare = withoutSuffix(key);
            // Suffix first so that '本人电话' still reads as self rather than as '电话'.
            keys.push(key, bare, withoutPrefix(key), withoutPrefix(bare));
        }
    }
    return keys;
}
function resolveLabel(trimmed) {
    const canonical = CANONICAL_KEYS.get(labelKey(trimmed));
    if (canonical !== undefined) {
        return { relation: canonical, known: canonical !== 'other' };
    }
    for (const key of candidateKeys(trimmed)) {
        const meaning = LOOKUP.get(key);
        if (meaning === 'self') {
            return { relation: 'other', verbatim: SELF_LABEL, known: false };
        }
        if (meaning !== undefined) {
            return { relation: meaning, verbatim: trimmed, known: meaning !== 'other' };
        }
    }
    return { relation: 'other', verbatim: trimmed, known: false };
}
// Source systems use a few hundred distinct labels; resolving one costs microseconds, a memo hit nanoseconds.
const resolveLabelCached = boundedMemo(resolveLabel, 50_000);
export function canonicalRelation(label) {
    const trimmed = label?.trim() ?? '';
    if (trimmed === '') {
        return { relation: 'other', known: false };
    }
    // A copy, so a caller editing its result cannot corrupt the memo.
    return { ...resolveLabelCached(trimmed) };
}
const GROUPS = {
    spouse: 'immediate_family',
    parent: 'immediate_family',
    child: 'immediate_family',
    sibling: 'immediate_family',
    relative: 'relative',
    friend: 'social',
    colleague: 'social',
    classmate: 'social',
    neighbour: 'social',
    employer: 'organisation',
    property_office: 'organisation',
    other: 'unknown',
};
export function relationGroup(relation) {
    return GROUPS[relation];
}
// Pairs of different relations that two sources may still use for one person.
const COMPATIBLE_PAIRS = [
    // '亲属' / '家属' are vague and commonly cover the spouse ('家属' often means the wife) and close family.
    ['relative', 'spouse'],
    ['relative', 'parent'],
    ['relative', 'child'],
    ['relative', 'sibling'],
    // 'friend' is the catch-all social tie.
    ['friend', 'colleague'],
    ['friend', 'classmate'],
    ['friend', 'neighbour'],
    // A boss or HR clerk ('老板', '人事' -> employer) is a person who is also a colleague ('领导', '同事').
    ['employer', 'colleague'],
];
const COMPATIBLE = new Set(COMPATIBLE_PAIRS.flatMap(([left, right]) => [`${left}|${right}`, `${right}|${left}`]));
/** Could two records' labels describe the same person? 'other' carries no information, so it fits anything. */
export function relationsCompatible(left, right) {
    return left === right || left === 'other' || right === 'other' || COMPATIBLE.has(`${left}|${right}`);
}
//# sourceMappingURL=relation.js.map