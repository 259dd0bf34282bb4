import { pinyin } from 'pinyin-pro';
import { boundedMemo } from './bounded-memo.js';
import { containsHan, toHalfWidth, toSimplified } from '../../common/chinese-text.js';
// Two-character surnames, so '欧阳先生' is read as a surname label and '欧阳娜娜' as 欧阳 + 娜娜.
const COMPOUND_SURNAMES = new Set(('欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 司寇 夏侯 令狐 轩辕 端木 西门 南宫 独孤 ' +
    '申屠 澹台 公冶 宗政 濮阳 淳于 单于 太叔 仲孙 钟离 呼延 万俟 闻人 赫连 拓跋 百里 东郭 南门 羊舌 微生 ' +
    '梁丘 左丘 第五 亓官 巫马 公西 漆雕 乐正 壤驷 公良 谷梁 段干 鲜于 闾丘 东门 子车 颛孙 夹谷 公羊 呼延 ' +
    '完颜 爱新觉罗 叶赫那拉').split(' '));
// Role noise dropped from the end of a full name; '夫人' / '太太' are not here because '张三太太' is someone else.
const NAME_SUFFIX_NOISE = ['本人', '先生', '女士', '小姐'];
const LATIN_TITLE = /^(?:mr|mrs|ms|miss|dr)\.?\s+/;
// '本人' alone is a role written into the name field, not a name.
const PLACEHOLDERS = new Set([
    '本人', '无', '不详', '未知', '暂无', '不知道', '无名', '无名氏', '匿名', '空',
    'null', 'undefined', 'none', 'nil', 'n/a', 'na', 'unknown',
]);
const BRACKETED_GROUP = /[([{【〔《][^)\]}】〕》]*[)\]}】〕》]/g;
const BRACKET_CHARACTERS = /[()[\]{}【】〔〕《》]/g;
// Spaces and the separators used in transliterated minority and foreign names (买买提·艾力).
const HAN_NAME_SEPARATORS = /[\s·•.‧・∙⋅ㆍ]+/g;
const LATIN_NAME_SEPARATORS = /[\s·•‧・∙⋅ㆍ]+/g;
const LETTER = /\p{L}/u;
function codePointLength(text) {
    let length = 0;
    for (const _ of text)
        length += 1;
    return length;
}
function stripHanSuffixNoise(name) {
    let stripped = name;
    for (let changed = true; changed;) {
        changed = false;
        for (const suffix of NAME_SUFFIX_NOISE) {
            if (!stripped.endsWith(suffix))
                continue;
            const rest = stripped.slice(0, -suffix.length);
            // '张先生' / '欧阳先生' stay: without the title they would read as a bare surname.
            if (codePointLength(rest) >= 2 && !COMPOUND_SURNAMES.has(rest)) {
                stripped = rest;
                changed = true;
            }
        }
    }
    return stripped;
}
function stripLatinTitles(name) {
    let stripped = name;
    while (LATIN_TITLE.test(stripped))
        stripped = stripped.replace(LATIN_TITLE, '');
    return stripped;
}
function normalizeUncached(raw) {
    let text = toHalfWidth(raw).trim().toLowerCase();
    // Brackets hold annotations ('张三(本人)'), unless they wrap the whole name ('(张三)').
    const withoutGroups = text.replace(BRACKETED_GROUP, ' ');
    text = LETTER.test(withoutGroups) ? withoutGroups : text.replace(BRACKET_CHARACTERS, ' ');
    text = toSimplified(text);
    const name = containsHan(text)
        ? stripHanSuffixNoise(text.replace(HAN_NAME_SEPARATORS, ''))
        : stripLatinTitles(text.replace(LATIN_NAME_SEPARATORS, ' ').trim());
    if (!LETTER.test(name) || PLACEHOLDERS.has(name))
        return undefined;
    return name;
}
const CACHE_LIMIT = 200_000;
const normalizeCached = boundedMemo(normalizeUncached, CACHE_LIMIT);
/**
 * Canonical form for comparing names: simplified, half-width, no spaces or middle dots in Chinese names,
 * lower-case single-spaced Latin names. Idempotent, so callers may pass raw or normalized names.
 */
export function normalizePersonName(raw) {
    return raw === undefined || raw === null ? undefined : normalizeCached(raw);
}
const PINYIN_OPTIONS = {
    toneType: 'none',
    type: 'array',
    // Surname readings at the start: 曾 zeng, 单 shan, 解 xie, as people actually say them.
    surname: 'head',
    v: true,
    nonZh: 'consecutive',
    toneSandhi: false,
    // Reverse maximum matching: the fastest tokenizer, and names have little to segment.
    segmentit: 1,
};
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARK = /\p{M}+/gu;
function latinFold(text) {
    return text.normalize('NFD').replace(COMBINING_MARK, '').normalize('NFC').replace(NOT_ALPHANUMERIC, '');
}
/** Pinyin syllables of a Chinese name, or the words of a Latin one, folded to plain lower-case letters. */
const nameSyllables = boundedMemo((normalized) => {
    // pinyin-pro costs ~6 µs a name; the memo makes repeated names nearly free.
    const parts = containsHan(normalized) ? pinyin(normalized, PINYIN_OPTIONS) : normalized.split(' ');
    return parts.map((part) => latinFold(part.toLowerCase())).filter((part) => part !== '');
}, CACHE_LIMIT);
const nameKeyCached = boundedMemo((normalized) => nameSyllables(normalized).join(''), CACHE_LIMIT);
/**
 * Toneless pinyin without spaces ('张伟' and '章玮' -> 'zhangwei'), for blocking and catching homophone typos.
 * Latin names are lower-cased with spaces, punctuation and diacritics removed ("José O'Neil" -> 'joseoneil').
 */
export function nameKey(normalized) {
    return nameKeyCached(normalized);
}
// Titles that follow a bare surname in contact books ('张先生', '李总', '王姐').
const SURNAME_TITLES = new Map([
    ['先生', 'male'], ['女士', 'female'], ['小姐', 'female'], ['太太', 'female'], ['夫人', 'female'],
    ['哥', 'male'], ['姐', 'female'],
    ['总', 'unknown'], ['经理', 'unknown'], ['老师', 'unknown'], ['师傅', 'unknown'], ['老板', 'unknown'],
    ['主任', 'unknown'],
]);
function surnameLabel(name) {
    const characters = Array.from(name);
    // '老王': familiar form of a surname.
    if (characters.length === 2 && characters[0] === '老' && containsHan(name)) {
        return { surname: characters[1] ?? '', gender: 'unknown' };
    }
    for (const [title, gender] of SURNAME_TITLES) {
        if (!name.endsWith(title))
            continue;
        const surname = name.slice(0, -title.length);
        if ((codePointLength(surname) === 1 && containsHan(surname)) || COMPOUND_SURNAMES.has(surname)) {
            return { surname, gender };
        }
    }
    return undefined;
}
function hanSurname(name) {
    const characters = Array.from(name);
    const firstTwo = characters.slice(0, 2).join('');
    return characters.length >= 3 && COMPOUND_SURNAMES.has(firstTwo) ? firstTwo : (characters[0] ?? '');
}
function compareLabelWithName(label, name) {
    if (containsHan(name))
        return hanSurname(name) === label.surname ? 'similar' : 'different';
    // A romanised full name carries its surname first or last ('zhang wei', 'wei zhang').
    const surnameKey = nameKey(label.surname);
    const words = nameSyllables(name);
    return words[0] === surnameKey || words[words.length - 1] === surnameKey ? 'similar' : 'different';
}
function compareLabels(left, right) {
    const gendersConflict = left.gender !== 'unknown' && right.gender !== 'unknown' && left.gender !== right.gender;
    return left.surname === right.surname && !gendersConflict ? 'similar' : 'different';
}
/** True when the two strings differ by exactly one inserted, deleted or substituted character. */
function oneEditApart(left, right) {
    const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
    if (longer.length - shorter.length > 1)
        return false;
    let start = 0;
    while (start < shorter.length && shorter[start] === longer[start])
        start += 1;
    if (shorter.length === longer.length) {
        if (start === shorter.length)
            return false;
        // One substitution: the rest after it must match.
        for (let index = start + 1; index < shorter.length; index += 1) {
            if (shorter[index] !== longer[index])
                return false;
        }
        return true;
    }
    for (let index = start; index < shorter.length; index += 1) {
        if (shorter[index] !== longer[index + 1])
            return false;
    }
    return true;
}
// One edit in a two-character Chinese name ('张伟' / '张三') is another person, hence the minimum.
const MINIMUM_HAN_LENGTH_FOR_EDIT = 3;
// Three Chinese characters romanise to about eight letters; six keeps 'ann' / 'dan' apart.
const MINIMUM_LATIN_LENGTH_FOR_EDIT = 6;
function typoApart(left, right) {
    const leftIsHan = containsHan(left);
    if (leftIsHan !== containsHan(right))
        return false;
    if (leftIsHan) {
        const leftCharacters = Array.from(left);
        const rightCharacters = Array.from(right);
        if (Math.min(leftCharacters.length, rightCharacters.length) < MINIMUM_HAN_LENGTH_FOR_EDIT)
            return false;
        // A different surname is far more often a different person; homophone surnames are caught by the pinyin key.
        return hanSurname(left) === hanSurname(right) && oneEditApart(leftCharacters, rightCharacters);
    }
    const leftLetters = Array.from(left.replace(/ /g, ''));
    const rightLetters = Array.from(right.replace(/ /g, ''));
    if (Math.min(leftLetters.length, rightLetters.length) < MINIMUM_LATIN_LENGTH_FOR_EDIT)
        return false;
    return oneEditApart(leftLetters, rightLetters);
}
/** Romanised names come in either order ('Wei Zhang' / '张伟'); a reordered Chinese name is another name. */
function sameSyllablesInAnyOrder(left, right) {
    if (containsHan(left) && containsHan(right))
        return false;
    if (nameKey(left).length !== nameKey(right).length)
        return false;
    const leftSyllables = nameSyllables(left);
    const rightSyllables = nameSyllables(right);
    if (leftSyllables.length !== rightSyllables.length || leftSyllables.length < 2)
        return false;
    const sortedLeft = [...leftSyllables].sort();
    const sortedRight = [...rightSyllables].sort();
    return sortedLeft.every((syllable, index) => syllable === sortedRight[index]);
}
/**
 * Could two names belong to the same person? Accepts raw or normalized names.
 * 'similar' covers homophones ('张伟' / '章玮'), romanisations in either order ('Wei Zhang'), one-character typos
 * in names of 3+ characters with the same surname, and surname labels ('王女士') against a full name.
 */
export function namesCompatible(left, right) {
    const leftName = normalizePersonName(left);
    const rightName = normalizePersonName(right);
    if (leftName === undefined || rightName === undefined)
        return 'unknown';
    if (leftName === rightName)
        return 'same';
    const leftLabel = surnameLabel(leftName);
    const rightLabel = surnameLabel(rightName);
    if (leftLabel !== undefined && rightLabel !== undefined)
        return compareLabels(leftLabel, rightLabel);
    if (leftLabel !== undefined)
        return compareLabelWithName(leftLabel, rightName);
    if (rightLabel !== undefined)
        return compareLabelWithName(rightLabel, leftName);
    if (nameKey(leftName) === nameKey(rightName))
        return 'similar';
    if (sameSyllablesInAnyOrder(leftName, rightName))
        return 'similar';
    return typoApart(leftName, rightName) ? 'similar' : 'different';
}
//# sourceMappingURL=person-name.js.map