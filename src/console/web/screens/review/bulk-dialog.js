// @ts-check
/**
 * The bulk-accept dialog: the loaded suggestions with a checkbox each, none ticked, in a modal.
 */
import { h } from '../../dom.js';
import { formatScore } from './suggestion-view.js';

/** @typedef {import('./review-queue.js').Suggestion} Suggestion */
/** @typedef {import('./suggestion-view.js').SuggestionView} SuggestionView */
/** @typedef {import('./suggestion-view.js').Translate} Translate */

/**
 * @param {Suggestion[]} loaded
 * @param {Translate} t
 * @param {SuggestionView} view
 * @returns {Promise<Suggestion[]>} the ticked ones (none when cancelled)
 */
export function chooseForBulk(loaded, t, view) {
  return new Promise((resolve) => {
    const count = h('span', { class: 'muted', 'aria-live': 'polite' }, t('bulkSelected', { count: 0 }));
    /** @type {HTMLInputElement[]} */
    const boxes = [];
    const rows = loaded.map((suggestion, index) => {
      const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: `bulk-${index}`, value: suggestion.id, onchange: () => update() }));
      boxes.push(box);
      return h(
        'li',
        {},
        box,
        h(
          'label',
          { for: `bulk-${index}` },
          h('span', { class: 'badge' }, view.kindLabel(suggestion.kind)),
          ' ',
          h('strong', {}, formatScore(suggestion.score)),
          ' ',
          h('span', { class: 'bulk-sides' }, `${view.sideSummary(suggestion.left)} ⇄ ${view.sideSummary(suggestion.right)}`),
          ' ',
          h('span', { class: 'muted' }, view.differences(suggestion)),
        ),
      );
    });
    const next = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', value: 'confirm', class: 'primary', disabled: true }, t('bulkContinue')));
    const update = () => {
      const selected = boxes.filter((box) => box.checked).length;
      count.textContent = t('bulkSelected', { count: selected });
      next.disabled = selected === 0;
    };
    const dialog = /** @type {HTMLDialogElement} */ (
      h(
        'dialog',
        { class: 'dialog bulk-dialog', 'aria-labelledby': 'bulk-title' },
        h(
          'form',
          { method: 'dialog', class: 'dialog-form' },
          h('h2', { id: 'bulk-title' }, t('bulkTitle')),
          h('p', {}, t('bulkIntro')),
          h('ul', { class: 'bulk-list' }, rows),
          h('div', { class: 'dialog-actions' }, count, next, h('button', { type: 'submit', value: 'cancel' }, t('cancel'))),
        ),
      )
    );
    dialog.addEventListener('close', () => {
      const ids = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
      dialog.remove();
      resolve(dialog.returnValue === 'confirm' ? loaded.filter((suggestion) => ids.has(suggestion.id)) : []);
    });
    document.body.append(dialog);
    dialog.showModal();
    boxes[0]?.focus();
  });
}
