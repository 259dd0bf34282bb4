// @ts-check
/**
 * Merge history: the merges the pipeline made on its own and those operators accepted, with a way to
 * split a wrong one (a required note says why; it is audited).
 */
import { ApiError } from '../api-client.js';
import { askForText, clear, formatDateTime, h, headRow } from '../dom.js';
import { translator } from '../i18n.js';

/** @typedef {import('../console-types.js').Screen} Screen */
/** @typedef {import('../console-types.js').ScreenContext} ScreenContext */
/**
 * @typedef {{
 *   id: string, kind: string, survivorId: string, mergedId: string, suggestionId: string | null, origin: string,
 *   mergedBy: string, mergedAt: string, splitAt: string | null, splitBy: string | null, note: string | null
 * }} Merge
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STRINGS = {
  en: {
    title: 'Merge history',
    kind: 'Kind',
    kindAll: 'All',
    kindAddress: 'Addresses',
    kindPerson: 'Persons',
    address: 'Address',
    person: 'Person',
    limit: 'Show',
    id: 'Person or contact point id',
    idInvalid: 'Enter a full id (UUID), or leave the field empty.',
    apply: 'Show',
    refresh: 'Refresh',
    loading: 'Loading…',
    empty: 'No merges.',
    caption: 'Most recent merges first',
    when: 'When',
    origin: 'How',
    automatic: 'Automatic',
    operator: 'Reviewed',
    by: 'By',
    survivor: 'Kept',
    merged: 'Merged into it',
    state: 'State',
    inForce: 'In force',
    split: 'Split',
    splitState: 'Split {when} by {who}',
    note: 'Note',
    actions: 'Actions',
    splitButton: 'Split',
    splitLabel: 'Split merge {id}',
    splitTitle: 'Split this merge?',
    splitPrompt: 'Why was the merge wrong? (required, audited)',
    splitConfirm: 'Split',
    cancel: 'Cancel',
    splitDone: 'Merge split; the pair will not be suggested again.',
    splitConflict: 'Could not split: {message}',
    failed: 'Could not load merges: {message}',
    you: 'you',
    system: 'system',
  },
  zh: {
    title: '合并记录',
    kind: '类型',
    kindAll: '全部',
    kindAddress: '地址',
    kindPerson: '联系人',
    address: '地址',
    person: '联系人',
    limit: '显示',
    id: '联系人或联系点编号',
    idInvalid: '请输入完整编号（UUID），或留空。',
    apply: '查询',
    refresh: '刷新',
    loading: '加载中…',
    empty: '没有合并记录。',
    caption: '最近的合并在前',
    when: '时间',
    origin: '方式',
    automatic: '自动',
    operator: '人工审核',
    by: '操作人',
    survivor: '保留',
    merged: '被并入',
    state: '状态',
    inForce: '生效中',
    split: '已拆分',
    splitState: '{who} 于 {when} 拆分',
    note: '备注',
    actions: '操作',
    splitButton: '拆分',
    splitLabel: '拆分合并 {id}',
    splitTitle: '拆分此合并？',
    splitPrompt: '为什么这次合并是错误的？（必填，将记入审计日志）',
    splitConfirm: '拆分',
    cancel: '取消',
    splitDone: '已拆分；此组合不会再被建议。',
    splitConflict: '无法拆分：{message}',
    failed: '无法加载合并记录：{message}',
    you: '我',
    system: '系统',
  },
};

/** @type {Screen} */
export const mergesScreen = {
  path: '/console/merges',
  roles: ['operator', 'admin', 'auditor'],
  title: { zh: '合并记录', en: 'Merge history' },
  async render(root, context) {
    const t = translator(STRINGS, context.language);
    const language = context.language;
    const maySplit = context.session.user.roles.some((role) => role === 'operator' || role === 'admin');
    let left = false;
    let generation = 0;
    context.onLeave(() => {
      left = true;
    });

    const kind = /** @type {HTMLSelectElement} */ (
      h('select', { id: 'merges-kind', onchange: () => void load() }, h('option', { value: '' }, t('kindAll')), h('option', { value: 'address' }, t('kindAddress')), h('option', { value: 'person' }, t('kindPerson')))
    );
    const limit = /** @type {HTMLSelectElement} */ (h('select', { id: 'merges-limit', onchange: () => void load() }, ['50', '100', '200'].map((value) => h('option', { value }, value))));
    const id = /** @type {HTMLInputElement} */ (h('input', { id: 'merges-id', type: 'text', inputmode: 'text', autocomplete: 'off', spellcheck: 'false', size: 38, maxlength: 36, placeholder: '00000000-0000-…' }));
    const filter = h(
      'form',
      { class: 'toolbar', role: 'search' },
      h('div', {}, h('label', { for: 'merges-kind' }, t('kind')), kind),
      h('div', {}, h('label', { for: 'merges-limit' }, t('limit')), limit),
      h('div', {}, h('label', { for: 'merges-id' }, t('id')), id),
      h('button', { type: 'submit', class: 'primary' }, t('apply')),
      h('button', { type: 'button', onclick: () => void load() }, t('refresh')),
    );
    filter.addEventListener('submit', (event) => {
      event.preventDefault();
      void load();
    });
    const body = h('div', { class: 'merges-body' });
    root.append(h('h1', {}, t('title')), filter, body);

    /** @param {string} who */
    const person = (who) => {
      if (who === `user:${context.session.user.id}`) return h('span', { title: who }, `${context.session.user.displayName} (${t('you')})`);
      if (who === 'system') return h('span', {}, t('system'));
      return h('code', { title: who }, who.startsWith('user:') ? `user:${shortId(who.slice(5))}` : who.length > 20 ? `${who.slice(0, 20)}…` : who);
    };

    /** @param {Merge} merge */
    const split = async (merge) => {
      const note = await askForText({ title: t('splitTitle'), label: t('splitPrompt'), confirm: t('splitConfirm'), cancel: t('cancel'), required: true, minLength: 1 });
      if (note === null || left) return;
      try {
        await context.api.post(`/v1/merges/${encodeURIComponent(merge.id)}/split`, { note });
        if (left) return;
        context.notify(t('splitDone'));
      } catch (error) {
        if (left || (error instanceof ApiError && error.status === 401)) return;
        context.notify(t('splitConflict', { message: error instanceof Error ? error.message : String(error) }), 'error');
      }
      await load();
    };

    /** @param {Merge} merge */
    const row = (merge) =>
      h(
        'tr',
        { 'data-merge-id': merge.id, class: merge.splitAt ? 'is-split' : undefined },
        h('td', {}, formatDateTime(merge.mergedAt, language)),
        h('td', {}, h('span', { class: `badge ${merge.origin === 'automatic' ? '' : 'good'}` }, merge.origin === 'automatic' ? t('automatic') : merge.origin === 'operator' ? t('operator') : merge.origin)),
        h('td', {}, merge.kind === 'address' ? t('address') : merge.kind === 'person' ? t('person') : merge.kind),
        h('td', {}, person(merge.mergedBy)),
        h('td', {}, h('code', { title: merge.survivorId }, shortId(merge.survivorId))),
        h('td', {}, h('code', { title: merge.mergedId }, shortId(merge.mergedId))),
        h(
          'td',
          {},
          merge.splitAt
            ? h('span', { class: 'badge warn', title: t('splitState', { when: formatDateTime(merge.splitAt, language), who: merge.splitBy ?? '—' }) }, t('split'))
            : h('span', { class: 'badge good' }, t('inForce')),
          merge.splitAt ? h('div', { class: 'muted small' }, formatDateTime(merge.splitAt, language), ' · ', merge.splitBy ? person(merge.splitBy) : '—') : null,
        ),
        h('td', { class: 'note-cell' }, merge.note ?? ''),
        maySplit
          ? h(
              'td',
              {},
              merge.splitAt ? null : h('button', { type: 'button', class: 'danger', 'aria-label': t('splitLabel', { id: shortId(merge.id) }), onclick: () => void split(merge) }, t('splitButton')),
            )
          : null,
      );

    async function load() {
      const idValue = id.value.trim();
      if (idValue && !UUID.test(idValue)) {
        id.setAttribute('aria-invalid', 'true');
        context.notify(t('idInvalid'), 'error');
        id.focus();
        return;
      }
      id.removeAttribute('aria-invalid');
      const mine = ++generation;
      body.setAttribute('aria-busy', 'true');
      if (!body.firstChild) body.append(h('p', { class: 'muted' }, t('loading')));
      try {
        /** @type {Merge[]} */
        const merges = await context.api.get('/v1/merges', { kind: kind.value, limit: limit.value, id: idValue });
        if (left || mine !== generation) return;
        clear(body);
        if (merges.length === 0) {
          body.append(h('p', { class: 'notice' }, t('empty')));
          return;
        }
        body.append(
          h(
            'table',
            { class: 'data merges-table' },
            h('caption', { class: 'visually-hidden' }, t('caption')),
            headRow([t('when'), t('origin'), t('kind'), t('by'), t('survivor'), t('merged'), t('state'), t('note'), maySplit ? t('actions') : null]),
            h('tbody', {}, merges.map(row)),
          ),
        );
      } catch (error) {
        if (left || mine !== generation || (error instanceof ApiError && error.status === 401)) return;
        clear(body);
        body.append(h('p', { class: 'notice error', role: 'alert' }, t('failed', { message: error instanceof Error ? error.message : String(error) })));
      } finally {
        if (mine === generation) body.removeAttribute('aria-busy');
      }
    }

    await load();
  },
};

/** @param {string} id */
function shortId(id) {
  // The end of the id: time-ordered ids (UUIDv7) share their first characters.
  return id ? `…${id.slice(-8)}` : '—';
}
