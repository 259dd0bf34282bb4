// @ts-check
/**
 * The review screen's fixed parts: the heading with the progress line (and how many saves are still
 * going), the kind filter, the decision buttons, and the keyboard help. Elements only; the screen wires
 * them up through `handlers`.
 */
import { h } from '../../dom.js';

/** @typedef {import('./suggestion-view.js').Translate} Translate */
/**
 * @typedef {{
 *   changeKind(): void, accept(): void, reject(): void, skip(): void, undo(): void, bulk(): void, toggleHelp(): void, toggleDetails(): void
 * }} ControlHandlers
 */

/**
 * @param {Translate} t
 * @param {ControlHandlers} handlers
 */
export function reviewControls(t, handlers) {
  const progressText = h('span', {}, '…');
  const savingText = h('span', { class: 'review-saving', title: t('savingTitle') });
  const progress = h('p', { class: 'review-progress', 'data-testid': 'review-progress' }, progressText, savingText);
  const kindSelect = /** @type {HTMLSelectElement} */ (
    h(
      'select',
      { id: 'review-kind', onchange: () => handlers.changeKind() },
      h('option', { value: '' }, t('kindAll')),
      h('option', { value: 'address' }, t('kindAddress')),
      h('option', { value: 'person' }, t('kindPerson')),
    )
  );
  const acceptButton = actionButton(t('accept'), 'a', 'primary', () => handlers.accept());
  const rejectButton = actionButton(t('reject'), 'r', 'danger', () => handlers.reject());
  const skipButton = actionButton(t('skip'), 's', '', () => handlers.skip());
  const undoButton = actionButton(t('undo'), 'u', '', () => handlers.undo());
  const helpButton = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': 'review-help', onclick: () => handlers.toggleHelp() }, t('help'), ' ', h('kbd', {}, '?'))
  );
  const helpPanel = h(
    'aside',
    { id: 'review-help', class: 'review-help', 'aria-label': t('helpTitle'), hidden: true },
    h('h2', {}, t('helpTitle')),
    h(
      'dl',
      {},
      [
        ['a', t('helpAccept')],
        ['r', t('helpReject')],
        ['s', t('helpSkip')],
        ['u', t('helpUndo')],
        ['?', t('helpHelp')],
      ].flatMap(([key, text]) => [h('dt', {}, h('kbd', {}, key)), h('dd', {}, text)]),
      h('dt', {}, h('kbd', {}, 'Shift'), '+', h('kbd', {}, 'a'), ' / ', h('kbd', {}, 'Shift'), '+', h('kbd', {}, 'r')),
      h('dd', {}, t('helpNote')),
    ),
    h('p', { class: 'muted' }, t('helpKeys')),
  );
  const detailsButton = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => handlers.toggleDetails() }, t('showDetails'));
  const detailsMarker = h('p', { class: 'review-details-marker', 'data-testid': 'review-unmasked', hidden: true });
  const head = h('div', { class: 'review-head' }, h('h1', {}, t('title')), progress, detailsMarker);
  const toolbar = h(
    'div',
    { class: 'toolbar review-toolbar' },
    h('div', {}, h('label', { for: 'review-kind' }, t('filterKind')), kindSelect),
    h('div', { class: 'review-actions', role: 'group', 'aria-label': t('actions') }, acceptButton, rejectButton, skipButton, undoButton),
    h('div', { class: 'review-tools' }, detailsButton, h('button', { type: 'button', onclick: () => handlers.bulk() }, t('bulk')), helpButton),
  );
  return { head, toolbar, progress, progressText, savingText, kindSelect, acceptButton, rejectButton, skipButton, undoButton, helpButton, helpPanel, detailsButton, detailsMarker };
}

/**
 * @param {string} label
 * @param {string} key
 * @param {string} className
 * @param {() => void} onclick
 */
function actionButton(label, key, className, onclick) {
  const button = /** @type {HTMLButtonElement} */ (
    h(
      'button',
      {
        type: 'button',
        class: className || undefined,
        'aria-keyshortcuts': key,
        onclick: () => {
          if (button.getAttribute('aria-disabled') === 'true') return;
          onclick();
        },
      },
      label,
      ' ',
      h('kbd', { 'aria-hidden': 'true' }, key),
    )
  );
  return button;
}

/**
 * aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
 * @param {HTMLButtonElement} button
 * @param {boolean} disabled
 */
export function setDisabled(button, disabled) {
  button.setAttribute('aria-disabled', String(disabled));
}
