// @ts-check
/**
 * 失联预警 / Stale contacts: how many contacts look out of date (open, raised and closed lately, by
 * type) and the flags themselves, masked, with their evidence and what to do. Filters live in the form.
 */
import { ApiError } from '../api-client.js';
import { clear, formatDateTime, h, headRow } from '../dom.js';
import { translator } from '../i18n.js';
import { openLookup } from './lookup-screen.js';
import { pagedTable } from './shared/paged-table.js';

/** @typedef {import('../console-types.js').Screen} Screen */

/**
 * @typedef {{ id: string, kind: 'phone' | 'address', masked: string }} FlagPoint
 * @typedef {{ action?: string, contactPointId?: string, contactPoint?: FlagPoint, contacts?: number, why?: string }} FlagAction
 * @typedef {{ id: string, borrowerRef: string, contactPointId: string | null, contactPoint: FlagPoint | null, type: string, status: string,
 *   evidence: Record<string, unknown>, suggestedReplacement: (FlagPoint & { why: string }) | null, suggestedActions: unknown[],
 *   detectedAt: string, closedAt: string | null, closedBecause: Record<string, unknown> | null }} StaleFlag
 * @typedef {{ type: string, open: number, raisedSince: number, closedSince: number }} TypeSummary
 * @typedef {{ since: string, open: number, raisedSince: number, closedSince: number, byType: TypeSummary[] }} FlagSummary
 */

const PAGE_SIZE = 50;
const TYPES = ['contact_changed', 'not_seen_recently', 'invalid_feedback', 'job_change'];
const STATUSES = ['open', 'closed'];

const STRINGS = {
  en: {
    intro: 'Contacts that look out of date: a number that changed, one no source has seen lately, calls reporting it dead, or frequent job changes.',
    summary: 'Summary',
    summarySince: 'Since {time}',
    open: 'Open',
    raised: 'Raised since',
    closed: 'Closed since',
    total: 'All types',
    type: 'Type',
    status: 'Status',
    any: 'Any',
    borrower: 'Borrower reference',
    detectedSince: 'Detected since (date)',
    search: 'Search',
    reset: 'Clear',
    detected: 'Detected',
    contact: 'Contact',
    evidence: 'Evidence',
    replacement: 'Suggested replacement',
    actions: 'What to do',
    closedAt: 'Closed',
    aboutBorrower: 'about the borrower',
    openLookup: 'Open the contact plan of this borrower',
    loading: 'Loading…',
    empty: 'No flag matches these filters.',
    failed: 'Could not load: {message}',
    summaryFailed: 'The summary could not be loaded: {message}',
    next: 'Next →',
    previous: '← Previous',
    page: 'Page {page}',
    shown: '{count} flag(s) on this page',
    results: 'Stale-contact flags',
    contacts: '{count} contact(s)',
  },
  zh: {
    intro: '疑似过时的联系方式：号码可能已更换、近期没有数据源再见到、拨打反馈为无效号码，或工作频繁变动。',
    summary: '概况',
    summarySince: '统计起点：{time}',
    open: '未关闭',
    raised: '期间新增',
    closed: '期间关闭',
    total: '全部类型',
    type: '类型',
    status: '状态',
    any: '全部',
    borrower: '借款人编号',
    detectedSince: '发现日期不早于',
    search: '查询',
    reset: '清除',
    detected: '发现时间',
    contact: '联系方式',
    evidence: '依据',
    replacement: '建议替换为',
    actions: '建议操作',
    closedAt: '关闭',
    aboutBorrower: '针对借款人本人',
    openLookup: '打开该借款人的联系方案',
    loading: '加载中…',
    empty: '没有符合条件的预警。',
    failed: '加载失败：{message}',
    summaryFailed: '无法加载概况：{message}',
    next: '下一页 →',
    previous: '← 上一页',
    page: '第 {page} 页',
    shown: '本页 {count} 条',
    results: '失联预警列表',
    contacts: '{count} 位联系人',
  },
};

/** @type {Record<string, { zh: string, en: string }>} */
const LABELS = {
  contact_changed: { zh: '号码可能已更换', en: 'Number may have changed' },
  not_seen_recently: { zh: '近期未再出现', en: 'Not seen recently' },
  invalid_feedback: { zh: '拨打反馈无效', en: 'Calls report it invalid' },
  job_change: { zh: '工作频繁变动', en: 'Frequent job changes' },
  open: { zh: '未关闭', en: 'open' },
  closed: { zh: '已关闭', en: 'closed' },
  verify_replacement: { zh: '核实替换号码', en: 'Verify the replacement' },
  call_own_number: { zh: '拨打本人其他号码', en: 'Call another own number' },
  ask_contacts: { zh: '询问联系人', en: 'Ask the contacts' },
};

/** @type {Screen} */
export const flagsScreen = {
  path: '/console/flags',
  title: { zh: '失联预警', en: 'Stale contacts' },
  // GET /v1/stale-flags allows platform and operator (the summary also admin, but the list not).
  roles: ['operator'],
  async render(root, context) {
    const language = context.language;
    const t = translator(STRINGS, language);
    /** @param {string} key */
    const label = (key) => LABELS[key]?.[language] ?? key;
    const summaryArea = h('section', { class: 'flags-summary', 'aria-labelledby': 'flags-summary-title', 'data-testid': 'flags-summary' }, h('h2', { id: 'flags-summary-title' }, t('summary')));

    const borrower = /** @type {HTMLInputElement} */ (h('input', { id: 'flags-borrower', type: 'text', maxlength: 100, autocomplete: 'off', spellcheck: 'false' }));
    const type = /** @type {HTMLSelectElement} */ (h('select', { id: 'flags-type' }, h('option', { value: '' }, t('any')), TYPES.map((value) => h('option', { value }, label(value)))));
    const status = /** @type {HTMLSelectElement} */ (h('select', { id: 'flags-status' }, h('option', { value: '' }, t('any')), STATUSES.map((value) => h('option', { value, selected: value === 'open' }, label(value)))));
    const since = /** @type {HTMLInputElement} */ (h('input', { id: 'flags-since', type: 'date' }));
    const searchButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'primary' }, t('search')));
    /** @param {string} id @param {string} text @param {HTMLElement} control */
    const field = (id, text, control) => h('div', { class: 'field' }, h('label', { for: id }, text), control);
    const form = h(
      'form',
      {
        class: 'toolbar flags-filters',
        autocomplete: 'off',
        novalidate: true,
        onsubmit: (/** @type {SubmitEvent} */ event) => {
          event.preventDefault();
          search();
        },
      },
      field('flags-borrower', t('borrower'), borrower),
      field('flags-type', t('type'), type),
      field('flags-status', t('status'), status),
      field('flags-since', t('detectedSince'), since),
      searchButton,
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            borrower.value = '';
            type.value = '';
            status.value = 'open';
            since.value = '';
            search();
          },
        },
        t('reset'),
      ),
    );
    const message = h('div', { 'aria-live': 'polite' });
    const body = h('tbody', {});
    const table = h(
      'table',
      { class: 'data flags-table', 'aria-label': t('results') },
      headRow([t('detected'), t('borrower'), t('type'), t('contact'), t('evidence'), t('replacement'), t('actions'), t('status')]),
      body,
    );
    /** @type {ReturnType<typeof pagedTable<StaleFlag, Record<string, string | undefined>>>} */
    const pager = pagedTable({
      api: context.api,
      path: '/v1/stale-flags',
      pageSize: PAGE_SIZE,
      cursorName: 'after',
      filter: { status: 'open' },
      t,
      label: t('results'),
      backText: t('previous'),
      forwardText: t('next'),
      searchButton,
      table,
      body,
      message,
      row,
    });

    root.append(
      h('h1', {}, flagsScreen.title[language]),
      h('p', { class: 'muted' }, t('intro')),
      summaryArea,
      h('h2', {}, t('results')),
      form,
      message,
      h('div', { class: 'flags-scroll' }, table),
      pager.nav,
    );

    context.onLeave(() => {
      pager.leave({});
      clear(root);
    });

    await Promise.all([loadSummary(), pager.load()]);

    async function loadSummary() {
      try {
        const summary = /** @type {FlagSummary} */ (await context.api.get('/v1/stale-flags/summary'));
        if (pager.state.left) return;
        summaryArea.append(
          h('p', { class: 'muted' }, t('summarySince', { time: formatDateTime(summary.since, language) })),
          h(
            'table',
            { class: 'data flags-summary-table' },
            headRow([t('type'), t('open'), t('raised'), t('closed')]),
            h(
              'tbody',
              {},
              summary.byType.map((row) =>
                h(
                  'tr',
                  { 'data-testid': 'flags-summary-row', 'data-type': row.type },
                  h('th', { scope: 'row' }, label(row.type)),
                  h('td', { class: 'flags-count' }, String(row.open)),
                  h('td', { class: 'flags-count' }, String(row.raisedSince)),
                  h('td', { class: 'flags-count' }, String(row.closedSince)),
                ),
              ),
              h(
                'tr',
                { class: 'flags-total', 'data-testid': 'flags-summary-total' },
                h('th', { scope: 'row' }, t('total')),
                h('td', { class: 'flags-count' }, String(summary.open)),
                h('td', { class: 'flags-count' }, String(summary.raisedSince)),
                h('td', { class: 'flags-count' }, String(summary.closedSince)),
              ),
            ),
          ),
        );
      } catch (error) {
        if (pager.state.left || (error instanceof ApiError && error.status === 401)) return;
        summaryArea.append(h('p', { class: 'notice error', role: 'alert' }, t('summaryFailed', { message: error instanceof Error ? error.message : String(error) })));
      }
    }

    function search() {
      const day = since.value;
      pager.search({
        borrowerRef: borrower.value.trim() || undefined,
        type: type.value || undefined,
        status: status.value || undefined,
        since: day ? localMidnight(day) : undefined,
      });
    }

    /** @param {StaleFlag} flag */
    function row(flag) {
      const summary = typeof flag.evidence?.summary === 'string' ? flag.evidence.summary : null;
      const closedSummary = flag.closedBecause && typeof flag.closedBecause.summary === 'string' ? flag.closedBecause.summary : null;
      return h(
        'tr',
        { 'data-testid': 'flag-row', 'data-flag-id': flag.id },
        h('td', { class: 'flags-time' }, formatDateTime(flag.detectedAt, language)),
        h('td', {}, h('button', { type: 'button', class: 'link', title: t('openLookup'), onclick: () => openLookup(context, flag.borrowerRef) }, flag.borrowerRef)),
        h('td', {}, h('span', { class: 'badge warn' }, label(flag.type))),
        h('td', {}, flag.contactPoint ? h('span', { class: 'flags-value', 'data-testid': 'flag-value' }, flag.contactPoint.masked) : h('span', { class: 'muted' }, t('aboutBorrower'))),
        h('td', { class: 'flags-evidence', lang: summary ? 'en' : undefined }, summary ?? '—'),
        h(
          'td',
          {},
          flag.suggestedReplacement
            ? [h('span', { class: 'flags-value' }, flag.suggestedReplacement.masked), h('br'), h('span', { class: 'muted', lang: 'en' }, flag.suggestedReplacement.why)]
            : '—',
        ),
        h('td', {}, actionList(flag.suggestedActions)),
        h(
          'td',
          {},
          h('span', { class: `badge ${flag.status === 'open' ? 'warn' : 'good'}` }, label(flag.status)),
          flag.closedAt ? [h('br'), h('span', { class: 'muted' }, `${t('closedAt')} ${formatDateTime(flag.closedAt, language)}`)] : null,
          closedSummary ? [h('br'), h('span', { class: 'muted', lang: 'en' }, closedSummary)] : null,
        ),
      );
    }

    /** @param {unknown[]} actions */
    function actionList(actions) {
      const list = (Array.isArray(actions) ? actions : []).filter((action) => action && typeof action === 'object').map((action) => /** @type {FlagAction} */ (action));
      if (list.length === 0) return '—';
      return h(
        'ol',
        { class: 'flags-actions' },
        list.map((action) =>
          h(
            'li',
            { title: action.why },
            label(action.action ?? ''),
            action.contactPoint ? [' ', h('span', { class: 'flags-value' }, action.contactPoint.masked)] : null,
            typeof action.contacts === 'number' ? [' ', h('span', { class: 'muted' }, t('contacts', { count: action.contacts }))] : null,
          ),
        ),
      );
    }
  },
};

/** @param {string} day yyyy-mm-dd, read in the browser's time zone */
function localMidnight(day) {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date).toISOString();
}
