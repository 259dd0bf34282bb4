// @ts-check
/**
 * The review screen's words: its strings in Chinese and English, the names operators use for the
 * compared fields and relations, and a field's agreement said as a phrase ("小区名称相近").
 */
import { RELATION_LABELS } from '../shared/relation-labels.js';

/** @typedef {'zh' | 'en'} Language */

export const STRINGS = {
  en: {
    title: 'Review queue',
    filterKind: 'Kind',
    kindAll: 'All',
    kindAddress: 'Addresses',
    kindPerson: 'Persons',
    kindAddressOne: 'Address',
    kindPersonOne: 'Person',
    progress: 'Done today {done} · remaining {remaining}',
    progressSkipped: ' · skipped {skipped}',
    accept: 'Accept',
    reject: 'Reject',
    skip: 'Skip',
    undo: 'Undo',
    help: 'Keys',
    bulk: 'Bulk accept…',
    showDetails: 'Show details…',
    hideDetails: 'Hide details',
    detailsTitle: 'Show full addresses and names',
    detailsReason: 'Why you need the full values (written to the audit log with every page loaded):',
    detailsConfirm: 'Show',
    detailsCancel: 'Cancel',
    detailsShown: 'Full values shown: {reason}',
    actions: 'Decision',
    left: 'Left',
    right: 'Right',
    score: 'Score {score}',
    borrower: 'Borrower {ref}',
    created: 'Suggested {when}',
    assessment: 'Why this pair',
    fields: 'Compared fields',
    seen: 'Where it was seen',
    observations: 'Seen {count} times',
    observationsOne: 'Seen once',
    observationsNone: 'No visible sightings (hidden by consent, or only the id is known)',
    mentions: 'As written',
    moreMentions: '+{count} more',
    records: 'Newest records',
    name: 'Name',
    relations: 'Relations',
    phones: 'Phones',
    address: 'Address',
    hiddenSide: 'Only the id can be shown for this side.',
    hidden: '—',
    loading: 'Loading suggestions…',
    empty: 'No pending suggestions in this queue.',
    emptySkipped: 'The rest ({count}) were skipped during this visit.',
    showSkipped: 'Show skipped again',
    reload: 'Check again',
    retry: 'Retry',
    loadFailed: 'Could not load suggestions: {message}',
    summaryFailed: 'Could not read the counters: {message}',
    accepted: 'Accepted: the pair is merged.',
    rejected: 'Rejected: the pair will not be suggested again.',
    skipped: 'Skipped for this visit.',
    undone: 'Undone: the suggestion is pending again.',
    nothingToUndo: 'Nothing to undo in this visit.',
    alreadyDecided: 'Someone else already decided this suggestion ({message}); moving on.',
    cannotUndo: 'This decision can no longer be undone ({message}).',
    failed: 'Could not save: {message}',
    network: 'The service could not be reached; try again.',
    saving: 'saving {count}…',
    savingTitle: 'Decisions being saved in the background',
    saveFailedBack: 'Could not save a decision ({message}); the suggestion is back at the front of the queue.',
    helpTitle: 'Keyboard',
    helpAccept: 'accept (merge the two sides)',
    helpReject: 'reject (never suggest this pair again)',
    helpSkip: 'skip (not shown again in this visit)',
    helpUndo: 'undo the last decision of this visit',
    helpHelp: 'show or hide this help',
    helpNote: 'accept or reject with a note',
    noteAcceptTitle: 'Accept with a note',
    noteRejectTitle: 'Reject with a note',
    noteLabel: 'Note (optional, kept with the decision and audited)',
    helpKeys: 'Keys work when no field or dialog has the focus.',
    bulkTitle: 'Bulk accept',
    bulkIntro: 'Tick the loaded suggestions to accept. Nothing is selected for you.',
    bulkSelected: '{count} selected',
    bulkContinue: 'Accept selected…',
    cancel: 'Cancel',
    bulkConfirmTitle: 'Accept {count} suggestions?',
    bulkConfirmMessage: 'Each pair is merged. A merge can be split again under Merge history.',
    bulkConfirm: 'Accept {count}',
    bulkRunning: 'Accepting {done} of {count}…',
    bulkDone: 'Bulk accept: {accepted} accepted, {failed} failed.',
    bulkNothing: 'No suggestions are loaded.',
    agree: 'agree',
    similar: 'similar',
    differ: 'differ',
    missing: 'missing',
    yes: 'yes',
    no: 'no',
  },
  zh: {
    title: '审核队列',
    filterKind: '类型',
    kindAll: '全部',
    kindAddress: '地址',
    kindPerson: '联系人',
    kindAddressOne: '地址',
    kindPersonOne: '联系人',
    progress: '今天已处理 {done} · 剩余 {remaining}',
    progressSkipped: ' · 本次跳过 {skipped}',
    accept: '接受',
    reject: '拒绝',
    skip: '跳过',
    undo: '撤销',
    help: '快捷键',
    bulk: '批量接受…',
    showDetails: '显示详情…',
    hideDetails: '隐藏详情',
    detailsTitle: '显示完整地址和姓名',
    detailsReason: '查看完整信息的原因（每加载一页都会记入审计日志）：',
    detailsConfirm: '显示',
    detailsCancel: '取消',
    detailsShown: '已显示完整信息：{reason}',
    actions: '决定',
    left: '左侧',
    right: '右侧',
    score: '匹配分 {score}',
    borrower: '借款人 {ref}',
    created: '建议于 {when}',
    assessment: '判断依据',
    fields: '比对字段',
    seen: '出现情况',
    observations: '出现 {count} 次',
    observationsOne: '出现 1 次',
    observationsNone: '没有可显示的出现记录（因授权隐藏，或只知道编号）',
    mentions: '原文',
    moreMentions: '另有 {count} 条',
    records: '最近的记录',
    name: '姓名',
    relations: '关系',
    phones: '电话',
    address: '地址',
    hiddenSide: '此侧只能显示编号。',
    hidden: '—',
    loading: '正在加载建议…',
    empty: '此队列没有待审核的建议。',
    emptySkipped: '其余 {count} 条已在本次跳过。',
    showSkipped: '重新显示已跳过的',
    reload: '重新检查',
    retry: '重试',
    loadFailed: '无法加载建议：{message}',
    summaryFailed: '无法读取计数：{message}',
    accepted: '已接受：两侧已合并。',
    rejected: '已拒绝：此组合不会再被建议。',
    skipped: '已跳过（本次不再显示）。',
    undone: '已撤销：该建议重新待审核。',
    nothingToUndo: '本次没有可撤销的决定。',
    alreadyDecided: '该建议已被他人处理（{message}），已跳到下一条。',
    cannotUndo: '该决定已无法撤销（{message}）。',
    failed: '保存失败：{message}',
    network: '无法连接服务，请重试。',
    saving: '保存中 {count}…',
    savingTitle: '正在后台保存的决定',
    saveFailedBack: '决定未能保存（{message}），该建议已放回队列最前面。',
    helpTitle: '快捷键',
    helpAccept: '接受（合并两侧）',
    helpReject: '拒绝（不再建议此组合）',
    helpSkip: '跳过（本次不再显示）',
    helpUndo: '撤销本次最后一个决定',
    helpHelp: '显示或隐藏此帮助',
    helpNote: '附备注接受或拒绝',
    noteAcceptTitle: '附备注接受',
    noteRejectTitle: '附备注拒绝',
    noteLabel: '备注（可选，随决定保存并记入审计）',
    helpKeys: '光标不在输入框或对话框中时快捷键有效。',
    bulkTitle: '批量接受',
    bulkIntro: '勾选要接受的已加载建议。默认不勾选任何一条。',
    bulkSelected: '已选 {count} 条',
    bulkContinue: '接受所选…',
    cancel: '取消',
    bulkConfirmTitle: '接受 {count} 条建议？',
    bulkConfirmMessage: '每一组都会被合并。合并之后可在“合并记录”中拆分。',
    bulkConfirm: '接受 {count} 条',
    bulkRunning: '正在接受第 {done} / {count} 条…',
    bulkDone: '批量接受：成功 {accepted} 条，失败 {failed} 条。',
    bulkNothing: '当前没有已加载的建议。',
    agree: '一致',
    similar: '相近',
    differ: '不同',
    missing: '缺失',
    yes: '是',
    no: '否',
  },
};

/** Field names as operators call them; `noun` reads in a sentence ("estate names similar"). */
/** @type {Record<string, { zh: string, en: string, zhNoun?: string, enNoun?: string }>} */
export const FIELD_NAMES = {
  province: { zh: '省份', en: 'Province' },
  city: { zh: '城市', en: 'City' },
  district: { zh: '区县', en: 'District' },
  town: { zh: '街道/乡镇', en: 'Town' },
  road: { zh: '道路', en: 'Road', zhNoun: '道路名称', enNoun: 'road names' },
  roadNumber: { zh: '门牌号', en: 'Number', enNoun: 'street number' },
  community: { zh: '小区', en: 'Estate', zhNoun: '小区名称', enNoun: 'estate names' },
  building: { zh: '楼栋', en: 'Building' },
  unit: { zh: '单元', en: 'Unit' },
  floor: { zh: '楼层', en: 'Floor' },
  room: { zh: '房号', en: 'Room' },
  pickupPoint: { zh: '代收点', en: 'Pickup point' },
  estateLocation: { zh: '小区位置', en: 'Estate location' },
  name: { zh: '姓名', en: 'Name', enNoun: 'names' },
  relation: { zh: '关系', en: 'Relation', enNoun: 'relations' },
  phones: { zh: '电话', en: 'Phones' },
  phone: { zh: '电话', en: 'Phone' },
  mobile: { zh: '手机号', en: 'Mobile' },
  address: { zh: '地址', en: 'Address' },
};

/** @type {Record<string, { zh: string, en: string }>} */
export const RELATIONS = {
  ...RELATION_LABELS,
  employer: { zh: '单位', en: 'employer' },
  other: { zh: '其他', en: 'other' },
  self: { zh: '本人', en: 'self' },
};

/** Phrases for fields whose agreement means something particular. */
/** @type {Record<string, Partial<Record<string, { zh: string, en: string }>>>} */
const SPECIAL_PHRASES = {
  phones: {
    agree: { zh: '有相同的电话号码', en: 'share a phone number' },
    differ: { zh: '没有相同的电话号码', en: 'no phone number in common' },
    missing: { zh: '一方没有电话', en: 'one side has no phone' },
  },
  mobile: { agree: { zh: '手机号相同', en: 'same mobile number' } },
  pickupPoint: {
    agree: { zh: '两侧都是代收点', en: 'both are pickup points' },
    differ: { zh: '只有一侧是代收点', en: 'only one side is a pickup point' },
    missing: { zh: '一侧可能是代收点', en: 'one side may be a pickup point' },
  },
  estateLocation: {
    agree: { zh: '小区位于该门牌', en: 'the estate is at that street number' },
    differ: { zh: '小区不在该门牌', en: 'the estate is not at that street number' },
  },
  relation: { similar: { zh: '关系相容', en: 'relations compatible' } },
};

/** @type {Record<string, string>} */
export const MARKS = { agree: '✓', similar: '≈', differ: '✗', missing: '?' };

/**
 * A field's agreement in words: "小区名称相近" / "estate names similar".
 * @param {string} field
 * @param {string} agreement
 * @param {Language} language
 */
export function phrase(field, agreement, language) {
  const special = SPECIAL_PHRASES[field]?.[agreement];
  if (special) return special[language];
  const names = FIELD_NAMES[field];
  if (language === 'zh') {
    const noun = names?.zhNoun ?? names?.zh ?? field;
    if (agreement === 'agree') return `${noun}一致`;
    if (agreement === 'similar') return `${noun}相近`;
    if (agreement === 'differ') return `${noun}不同`;
    if (agreement === 'missing') return `${noun}一方缺失`;
    return `${noun}：${agreement}`;
  }
  const label = (names?.en ?? field).toLowerCase();
  const noun = names?.enNoun ?? label;
  const plural = noun.endsWith('s');
  if (agreement === 'agree') return `${noun} ${plural ? 'agree' : 'agrees'}`;
  if (agreement === 'similar') return `${noun} similar`;
  if (agreement === 'differ') return `${label} ${label.endsWith('s') ? 'differ' : 'differs'}`;
  if (agreement === 'missing') return `${label} missing on one side`;
  return `${label}: ${agreement}`;
}

/**
 * @param {string} relation
 * @param {Language} language
 */
export function relationLabel(relation, language) {
  return RELATIONS[relation]?.[language] ?? relation;
}

/**
 * An error as the operator reads it: a network failure in words, otherwise the service's message.
 * @param {unknown} error
 * @param {(key: any, values?: Record<string, string | number>) => string} t
 * @param {string} [wrap] a string key with {message}
 */
export function messageOf(error, t, wrap) {
  const network = error instanceof TypeError;
  const message = network ? t('network') : error instanceof Error ? error.message : String(error);
  return wrap && !network ? t(wrap, { message }) : message;
}
