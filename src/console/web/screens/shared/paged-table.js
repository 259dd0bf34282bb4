// @ts-check
/**
 * A table of one API list paged with its cursor (newest first), as the audit log and the stale-contact
 * flags show it: a back and a forward button, a page label, a loading/empty/error message, and answers
 * to an older request dropped. The filters are the screen's; they are sent with every page.
 */
import { ApiError } from '../../api-client.js';
import { clear, h } from '../../dom.js';

/** @typedef {import('../../api-client.js').ApiClient} ApiClient */
/** @typedef {'loading' | 'empty' | 'failed' | 'page' | 'shown'} PagerKey */

/**
 * @template {Record<string, string | undefined>} F
 * @typedef {{ filter: F, cursors: (string | undefined)[], next: string | null, request: number, left: boolean }} PagerState
 */

/**
 * @template T
 * @template {Record<string, string | undefined>} F
 * @param {{
 *   api: ApiClient,
 *   path: string,
 *   pageSize: number,
 *   cursorName: 'before' | 'after',
 *   filter: F,
 *   t: (key: PagerKey, values?: Record<string, string | number>) => string,
 *   label: string,
 *   backText: string,
 *   forwardText: string,
 *   searchButton: HTMLButtonElement,
 *   table: HTMLElement,
 *   body: HTMLElement,
 *   message: HTMLElement,
 *   row: (item: T) => Node,
 *   markPage?: boolean,
 * }} options `label` names the pager's navigation; `markPage` keeps the page number in the label's `data-page`
 */
export function pagedTable(options) {
  const { t, searchButton, table, body, message } = options;
  /** @type {PagerState<F>} */
  const state = { filter: options.filter, cursors: [undefined], next: null, request: 0, left: false };
  const back = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', disabled: true, onclick: () => void go(-1) }, options.backText));
  const forward = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', disabled: true, onclick: () => void go(1) }, options.forwardText));
  const pageLabel = h('span', { class: 'muted' });
  const nav = h('nav', { class: 'pager', 'aria-label': options.label }, back, forward, pageLabel);

  /** @param {number} step */
  async function go(step) {
    if (step > 0) {
      if (!state.next) return;
      state.cursors.push(state.next);
      // A page that failed to load is not entered: forward can be tried again from here.
      if (!(await load())) state.cursors.pop();
    } else if (state.cursors.length > 1) {
      const dropped = state.cursors.pop();
      if (!(await load())) state.cursors.push(dropped);
    }
    refreshPager();
  }

  function refreshPager() {
    if (state.left) return;
    back.disabled = state.cursors.length <= 1;
    forward.disabled = !state.next;
    if (options.markPage) pageLabel.dataset.page = String(state.cursors.length);
  }

  /** @returns {Promise<boolean>} whether the page loaded */
  async function load() {
    const request = ++state.request;
    const cursor = state.cursors[state.cursors.length - 1];
    back.disabled = true;
    forward.disabled = true;
    searchButton.disabled = true;
    table.setAttribute('aria-busy', 'true');
    clear(message);
    message.append(h('p', { class: 'muted' }, t('loading')));
    try {
      const page = /** @type {{ items: T[], nextCursor: string | null }} */ (await options.api.get(options.path, { ...state.filter, [options.cursorName]: cursor, limit: options.pageSize }));
      if (request !== state.request || state.left) return false;
      clear(message);
      clear(body);
      state.next = page.nextCursor;
      if (page.items.length === 0) message.append(h('p', { class: 'muted' }, t('empty')));
      body.append(...page.items.map(options.row));
      pageLabel.textContent = `${t('page', { page: state.cursors.length })} · ${t('shown', { count: page.items.length })}`;
      return true;
    } catch (error) {
      if (request !== state.request || state.left) return false;
      clear(message);
      if (error instanceof ApiError && error.status === 401) return false;
      message.append(h('p', { class: 'notice error', role: 'alert' }, t('failed', { message: error instanceof Error ? error.message : String(error) })));
      return false;
    } finally {
      if (request === state.request && !state.left) {
        searchButton.disabled = false;
        table.removeAttribute('aria-busy');
        refreshPager();
      }
    }
  }

  return {
    state,
    nav,
    load,
    /**
     * Starts again from the first page with these filters.
     * @param {F} filter
     */
    search(filter) {
      state.filter = filter;
      state.cursors = [undefined];
      void load();
    },
    /**
     * The screen is left: answers still on their way are dropped, and the filters (which may name a borrower) go.
     * @param {F} empty
     */
    leave(empty) {
      state.left = true;
      state.request += 1;
      state.filter = empty;
    },
  };
}
