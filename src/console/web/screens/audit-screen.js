// @ts-check
/**
 * 审计日志 / Audit log: who did what, to which borrower, and why — filtered by user, action, borrower
 * and dates, newest first, paged with the API's cursor. The filters live in the form only (never in
 * the URL: a borrower reference is personal data).
 */
import { clear, formatDateTime, h, headRow } from '../dom.js';
import { translator } from '../i18n.js';
import { pagedTable } from './shared/paged-table.js';

/** @typedef {import('../console-types.js').Screen} Screen */

/**
 * @typedef {{ id: string, occurredAt: string, actorId: string, actorRole: string, actorUsername: string | null, action: string,
 *   targetType: string | null, targetId: string | null, borrowerRef: string | null, purpose: string | null, details: Record<string, unknown> }} AuditEvent
 * @typedef {{ user?: string, action?: string, borrowerRef?: string, from?: string, to?: string }} AuditFilter
 */

const PAGE_SIZE = 50;

/** Actions the service writes, offered as suggestions (any other text may be typed). */
const KNOWN_ACTIONS = [
  'borrower.relationship_set',
  'connector.previewed_unmasked',
  'consent.recorded',
  'contact_attempt.batch',
  'contact_plan.unmasked',
  'contact_point.unmasked',
  'contact_preference.set',
  'erasure.completed',
  'erasure.requested',
  'ingest.batch',
  'match_suggestion.list',
  'match_suggestion.unmasked',
  'match_suggestion.accepted',
  'match_suggestion.rejected',
  'match_suggestion.split',
  'match_suggestion.undone',
  'merge.created',
  'merge.split',
  'repair.requested',
  'retention.applied',
  'session.started',
  'session.ended',
  'source_record.read',
  'source_record.unmasked',
  'stale_flags.unmasked',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.password_set',
  'user.reset',
];

const STRINGS = {
  en: {
    intro: 'Every read of personal data and every change, newest first.',
    user: 'User (username)',
    action: 'Action',
    borrower: 'Borrower reference',
    from: 'From (date)',
    to: 'To (date, inclusive)',
    search: 'Search',
    reset: 'Clear',
    time: 'Time',
    who: 'User',
    target: 'Target',
    purpose: 'Purpose / reason',
    system: 'system',
    apiKey: 'API key {id}',
    loading: 'Loading…',
    empty: 'No event matches these filters.',
    failed: 'Could not load: {message}',
    newer: '← Newer',
    older: 'Older →',
    page: 'Page {page}',
    shown: '{count} event(s) on this page',
    results: 'Audit events',
    datesOrder: 'The “from” date must not be after the “to” date.',
    details: 'Details',
  },
  zh: {
    intro: '所有个人数据的查看与每一项变更，最新在前。',
    user: '用户（用户名）',
    action: '操作',
    borrower: '借款人编号',
    from: '开始日期',
    to: '结束日期（含当天）',
    search: '查询',
    reset: '清除',
    time: '时间',
    who: '用户',
    target: '对象',
    purpose: '目的 / 原因',
    system: '系统',
    apiKey: 'API 密钥 {id}',
    loading: '加载中…',
    empty: '没有符合条件的记录。',
    failed: '加载失败：{message}',
    newer: '← 较新',
    older: '较早 →',
    page: '第 {page} 页',
    shown: '本页 {count} 条',
    results: '审计记录',
    datesOrder: '开始日期不能晚于结束日期。',
    details: '详情',
  },
};

/** @type {Screen} */
export const auditScreen = {
  path: '/console/audit',
  title: { zh: '审计日志', en: 'Audit log' },
  // GET /v1/audit-events allows the auditor role only (an admin gets 403).
  roles: ['auditor'],
  async render(root, context) {
    const language = context.language;
    const t = translator(STRINGS, language);
    /**
     * @param {string} id
     * @param {string} text
     * @param {Record<string, string | number | boolean>} [attributes]
     */
    const field = (id, text, attributes = {}) => {
      const input = /** @type {HTMLInputElement} */ (h('input', { id, name: id, autocomplete: 'off', ...attributes }));
      return { input, element: h('div', { class: 'field' }, h('label', { for: id }, text), input) };
    };
    const user = field('audit-user', t('user'), { type: 'text', maxlength: 64, spellcheck: 'false' });
    const action = field('audit-action', t('action'), { type: 'text', maxlength: 64, list: 'audit-actions', spellcheck: 'false' });
    const borrower = field('audit-borrower', t('borrower'), { type: 'text', maxlength: 100, spellcheck: 'false' });
    const from = field('audit-from', t('from'), { type: 'date' });
    const to = field('audit-to', t('to'), { type: 'date' });
    const searchButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'primary' }, t('search')));
    const form = h(
      'form',
      {
        class: 'toolbar audit-filters',
        autocomplete: 'off',
        novalidate: true,
        onsubmit: (/** @type {SubmitEvent} */ event) => {
          // Filters stay in the form: never submitted as a GET (the URL would carry a borrower reference).
          event.preventDefault();
          search();
        },
      },
      user.element,
      action.element,
      h('datalist', { id: 'audit-actions' }, KNOWN_ACTIONS.map((name) => h('option', { value: name }))),
      borrower.element,
      from.element,
      to.element,
      searchButton,
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            for (const { input } of [user, action, borrower, from, to]) input.value = '';
            search();
          },
        },
        t('reset'),
      ),
    );
    const message = h('div', { class: 'audit-message', 'aria-live': 'polite' });
    const body = h('tbody', {});
    const table = h(
      'table',
      { class: 'data audit-table', 'aria-label': t('results') },
      headRow([t('time'), t('who'), t('action'), t('target'), t('borrower'), t('purpose')]),
      body,
    );
    /** @type {ReturnType<typeof pagedTable<AuditEvent, AuditFilter>>} */
    const pager = pagedTable({
      api: context.api,
      path: '/v1/audit-events',
      pageSize: PAGE_SIZE,
      cursorName: 'before',
      filter: {},
      t,
      label: t('results'),
      backText: t('newer'),
      forwardText: t('older'),
      searchButton,
      table,
      body,
      message,
      row,
      markPage: true,
    });
    root.append(
      h('h1', {}, auditScreen.title[language]),
      h('p', { class: 'muted' }, t('intro')),
      form,
      message,
      h('div', { class: 'audit-scroll' }, table),
      pager.nav,
    );

    context.onLeave(() => {
      pager.leave({});
      clear(root);
    });

    await pager.load();

    function search() {
      const fromDay = from.input.value;
      const toDay = to.input.value;
      if (fromDay && toDay && fromDay > toDay) {
        clear(message);
        message.append(h('p', { class: 'notice error', role: 'alert' }, t('datesOrder')));
        return;
      }
      pager.search({
        user: user.input.value.trim() || undefined,
        action: action.input.value.trim() || undefined,
        borrowerRef: borrower.input.value.trim() || undefined,
        // Dates are days in the browser's time zone: from its midnight, to the next day's midnight (the API's `to` is exclusive).
        from: fromDay ? startOfDay(fromDay, 0) : undefined,
        to: toDay ? startOfDay(toDay, 1) : undefined,
      });
    }

    /** @param {AuditEvent} event */
    function row(event) {
      return h(
        'tr',
        { 'data-testid': 'audit-row', 'data-event-id': event.id },
        h('td', { class: 'audit-time' }, h('time', { datetime: event.occurredAt }, formatDateTime(event.occurredAt, language))),
        h('td', {}, h('span', { class: 'audit-user' }, who(event)), h('br'), h('span', { class: 'muted' }, event.actorRole)),
        h('td', {}, h('code', { class: 'audit-action' }, event.action)),
        h('td', { class: 'audit-target' }, event.targetType ? h('span', { class: 'muted' }, `${event.targetType} `) : null, event.targetId ?? (event.targetType ? '' : '—')),
        h('td', {}, event.borrowerRef ?? '—'),
        h('td', { class: 'audit-purpose' }, event.purpose ?? '—', detailsOf(event)),
      );
    }

    /** The username the event names; an API key or the system otherwise. @param {AuditEvent} event */
    function who(event) {
      if (event.actorUsername) return event.actorUsername;
      if (event.actorId === 'system') return t('system');
      // API keys act as `<role>:<digest prefix>`; connectors and jobs under their own names.
      return /^(admin|platform|operator|auditor):[0-9a-f]{8,}$/.test(event.actorId) ? t('apiKey', { id: event.actorId }) : event.actorId;
    }

    /** @param {AuditEvent} event */
    function detailsOf(event) {
      const entries = Object.entries(event.details ?? {});
      if (entries.length === 0) return null;
      return h(
        'details',
        { class: 'audit-details' },
        h('summary', {}, t('details')),
        h(
          'dl',
          {},
          entries.flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value))]),
        ),
      );
    }
  },
};

/**
 * Midnight in the browser's time zone of a yyyy-mm-dd day plus `days`, as ISO-8601.
 * @param {string} day
 * @param {number} days
 */
function startOfDay(day, days) {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + days).toISOString();
}
