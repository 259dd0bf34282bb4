// @ts-check
/**
 * 数据接入 / Connector runs: every declared connector and its recent runs (state, times, counts, rate,
 * error). Read only; refreshes itself while a run is queued or running.
 */
import { ApiError } from '../api-client.js';
import { clear, formatDateTime, h } from '../dom.js';
import { translator } from '../i18n.js';

/** @typedef {import('../console-types.js').Screen} Screen */

/**
 * @typedef {{ key: string, definition: Record<string, unknown>, declaredIn: string, checkpoint: unknown, createdAt: string, updatedAt: string }} Connector
 * @typedef {{ id: string, connector: string, state: string, trigger: string, queuedAt: string, startedAt: string | null, finishedAt: string | null,
 *   read: number, accepted: number, duplicates: number, rejected: number, files: number, rate: number | null, cursor: unknown, error?: string }} ConnectorRun
 */

const RUNS_PER_PAGE = 10;
const REFRESH_MILLISECONDS = 15_000;

const STRINGS = {
  en: {
    intro: 'Connectors bring records in from the lender’s systems and external sources. Runs are newest first.',
    refresh: 'Refresh',
    refreshed: 'Updated {time}',
    loading: 'Loading…',
    failed: 'Could not load: {message}',
    noConnectors: 'No connector is declared.',
    source: 'Source',
    kind: 'Kind',
    schedule: 'Schedule',
    manual: 'on demand',
    declaredIn: 'Declared in',
    updated: 'Updated',
    runs: 'Recent runs',
    noRuns: 'No run yet.',
    state: 'State',
    trigger: 'Trigger',
    queued: 'Queued',
    started: 'Started',
    finished: 'Finished',
    read: 'Read',
    accepted: 'Accepted',
    duplicates: 'Duplicates',
    rejected: 'Rejected',
    files: 'Files',
    rate: 'Rate (rows/s)',
    error: 'Error',
    more: 'Older runs',
    runsFailed: 'Runs could not be loaded: {message}',
    autoRefresh: 'Refreshes every {seconds} s while a run is active.',
  },
  zh: {
    intro: '数据接入从出借方系统与外部数据源导入记录。运行记录按时间倒序排列。',
    refresh: '刷新',
    refreshed: '更新于 {time}',
    loading: '加载中…',
    failed: '加载失败：{message}',
    noConnectors: '尚未声明任何数据接入。',
    source: '数据源',
    kind: '方式',
    schedule: '计划',
    manual: '按需运行',
    declaredIn: '声明位置',
    updated: '更新时间',
    runs: '最近运行',
    noRuns: '尚无运行记录。',
    state: '状态',
    trigger: '触发方式',
    queued: '排队',
    started: '开始',
    finished: '结束',
    read: '读取',
    accepted: '接收',
    duplicates: '重复',
    rejected: '拒收',
    files: '文件',
    rate: '速率（行/秒）',
    error: '错误',
    more: '更早的运行',
    runsFailed: '无法加载运行记录：{message}',
    autoRefresh: '有运行进行中时每 {seconds} 秒自动刷新。',
  },
};

/** @type {Record<string, { zh: string, en: string }>} */
const LABELS = {
  queued: { zh: '排队中', en: 'queued' },
  running: { zh: '运行中', en: 'running' },
  completed: { zh: '已完成', en: 'completed' },
  failed: { zh: '失败', en: 'failed' },
  api: { zh: '接口触发', en: 'API' },
  schedule: { zh: '定时', en: 'schedule' },
  'command-line': { zh: '命令行', en: 'command line' },
  'declared:config': { zh: '配置文件', en: 'configuration file' },
  'declared:api': { zh: '接口声明', en: 'the API' },
  database: { zh: '数据库', en: 'database' },
  file: { zh: '文件', en: 'file' },
  http: { zh: 'HTTP 接口', en: 'HTTP' },
};

const STATE_BADGE = /** @type {Record<string, string>} */ ({ queued: '', running: 'warn', completed: 'good', failed: 'bad' });

/** @type {Screen} */
export const runsScreen = {
  path: '/console/runs',
  title: { zh: '数据接入', en: 'Connector runs' },
  // GET /v1/connectors and /v1/connectors/{key}/runs allow admin and auditor.
  roles: ['admin', 'auditor'],
  async render(root, context) {
    const language = context.language;
    const t = translator(STRINGS, language);
    /** @param {string} key */
    const label = (key) => LABELS[key]?.[language] ?? key;
    /** @type {{ left: boolean, timer: ReturnType<typeof setTimeout> | null, request: number }} */
    const state = { left: false, timer: null, request: 0 };

    const refreshButton = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', onclick: () => void loadAll() }, t('refresh')));
    const updated = h('span', { class: 'muted', 'aria-live': 'polite' });
    const list = h('div', { class: 'runs-list' });
    root.append(
      h('h1', {}, runsScreen.title[language]),
      h('p', { class: 'muted' }, t('intro')),
      h('div', { class: 'toolbar' }, refreshButton, updated, h('span', { class: 'muted' }, t('autoRefresh', { seconds: REFRESH_MILLISECONDS / 1000 }))),
      list,
    );

    context.onLeave(() => {
      state.left = true;
      state.request += 1;
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      clear(root);
    });

    await loadAll();

    async function loadAll() {
      const request = ++state.request;
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      refreshButton.disabled = true;
      list.setAttribute('aria-busy', 'true');
      if (!list.hasChildNodes()) list.append(h('p', { class: 'muted' }, t('loading')));
      let active = false;
      try {
        const connectors = /** @type {Connector[]} */ (await context.api.get('/v1/connectors'));
        const runs = await Promise.all(
          connectors.map((connector) =>
            context.api
              .get(`/v1/connectors/${encodeURIComponent(connector.key)}/runs`, { limit: RUNS_PER_PAGE })
              .then((/** @type {ConnectorRun[]} */ items) => items)
              .catch((/** @type {unknown} */ error) => (error instanceof Error ? error : new Error(String(error)))),
          ),
        );
        if (request !== state.request || state.left) return;
        clear(list);
        if (connectors.length === 0) list.append(h('p', { class: 'notice' }, t('noConnectors')));
        connectors.forEach((connector, index) => {
          const connectorRuns = runs[index];
          if (!(connectorRuns instanceof Error) && connectorRuns.some((run) => run.state === 'queued' || run.state === 'running')) active = true;
          list.append(connectorSection(connector, connectorRuns));
        });
        updated.textContent = t('refreshed', { time: formatDateTime(new Date(), language) });
      } catch (error) {
        if (request !== state.request || state.left) return;
        if (error instanceof ApiError && error.status === 401) return;
        clear(list);
        list.append(h('p', { class: 'notice error', role: 'alert' }, t('failed', { message: error instanceof Error ? error.message : String(error) })));
      } finally {
        if (request === state.request && !state.left) {
          refreshButton.disabled = false;
          list.removeAttribute('aria-busy');
          // Follow active runs without the operator pressing Refresh; stops when the screen is left.
          if (active) state.timer = setTimeout(() => void loadAll(), REFRESH_MILLISECONDS);
        }
      }
    }

    /**
     * @param {Connector} connector
     * @param {ConnectorRun[] | Error} runs
     */
    function connectorSection(connector, runs) {
      const definition = connector.definition ?? {};
      const text = (/** @type {string} */ key) => (typeof definition[key] === 'string' ? /** @type {string} */ (definition[key]) : undefined);
      const headingId = `runs-${connector.key}`;
      const section = h(
        'section',
        { class: 'runs-connector', 'aria-labelledby': headingId, 'data-testid': 'connector', 'data-connector': connector.key },
        h('h2', { id: headingId }, connector.key),
        h(
          'dl',
          { class: 'runs-facts' },
          h('dt', {}, t('source')),
          h('dd', {}, text('source') ?? '—'),
          h('dt', {}, t('kind')),
          h('dd', {}, text('kind') ? label(/** @type {string} */ (text('kind'))) : '—'),
          h('dt', {}, t('schedule')),
          h('dd', {}, text('schedule') ? h('code', {}, text('schedule')) : t('manual')),
          h('dt', {}, t('declaredIn')),
          h('dd', {}, label(`declared:${connector.declaredIn}`)),
          h('dt', {}, t('updated')),
          h('dd', {}, formatDateTime(connector.updatedAt, language)),
        ),
      );
      if (runs instanceof Error) {
        section.append(h('p', { class: 'notice error' }, t('runsFailed', { message: runs.message })));
        return section;
      }
      if (runs.length === 0) {
        section.append(h('p', { class: 'muted' }, t('noRuns')));
        return section;
      }
      const body = h('tbody', {}, runs.map(runRow));
      const more = /** @type {HTMLButtonElement} */ (
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            hidden: runs.length < RUNS_PER_PAGE,
            onclick: async () => {
              const last = /** @type {HTMLElement | null} */ (body.lastElementChild);
              const before = last?.dataset.runId;
              if (!before) return;
              more.disabled = true;
              try {
                const older = /** @type {ConnectorRun[]} */ (await context.api.get(`/v1/connectors/${encodeURIComponent(connector.key)}/runs`, { limit: RUNS_PER_PAGE, before }));
                if (state.left) return;
                body.append(...older.map(runRow));
                more.hidden = older.length < RUNS_PER_PAGE;
              } catch (error) {
                if (state.left) return;
                context.notify(t('runsFailed', { message: error instanceof Error ? error.message : String(error) }), 'error');
              } finally {
                more.disabled = false;
              }
            },
          },
          t('more'),
        )
      );
      section.append(
        h('h3', { class: 'runs-subtitle' }, t('runs')),
        h(
          'div',
          { class: 'runs-scroll' },
          h(
            'table',
            { class: 'data runs-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [t('state'), t('trigger'), t('started'), t('finished'), t('read'), t('accepted'), t('duplicates'), t('rejected'), t('files'), t('rate'), t('error')].map((heading, index) =>
                  h('th', { scope: 'col', class: index >= 4 && index <= 9 ? 'runs-number' : undefined }, heading),
                ),
              ),
            ),
            body,
          ),
        ),
        more,
      );
      return section;
    }

    /** @param {ConnectorRun} run */
    function runRow(run) {
      /** @param {number | null} value */
      const number = (value) => h('td', { class: 'runs-number' }, value === null || value === undefined ? '—' : value.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB'));
      return h(
        'tr',
        { 'data-testid': 'run-row', 'data-run-id': run.id },
        h('td', {}, h('span', { class: `badge ${STATE_BADGE[run.state] ?? ''}` }, label(run.state))),
        h('td', {}, label(run.trigger)),
        h('td', {}, run.startedAt ? formatDateTime(run.startedAt, language) : h('span', { class: 'muted' }, `${t('queued')} ${formatDateTime(run.queuedAt, language)}`)),
        h('td', {}, formatDateTime(run.finishedAt, language)),
        number(run.read),
        number(run.accepted),
        number(run.duplicates),
        number(run.rejected),
        number(run.files),
        number(run.rate),
        h('td', { class: 'runs-error' }, run.error ?? '—'),
      );
    }
  },
};
