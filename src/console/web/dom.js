// @ts-check
/**
 * Builds elements from data without ever parsing it as HTML: every value is text, so nothing a
 * record holds can become markup or script.
 *
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined | ((event: any) => void)>} [attributes]
 * @param {...(Node | string | number | null | undefined | false | (Node | string | number | null | undefined | false)[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/**
 * @param {Element} parent
 * @param {any[]} children
 */
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * A table head of column titles; null titles are left out.
 * @param {(string | null)[]} titles
 */
export function headRow(titles) {
  return h('thead', {}, h('tr', {}, titles.filter((title) => title !== null).map((title) => h('th', { scope: 'col' }, title))));
}

/** @param {Element} element */
export function clear(element) {
  element.replaceChildren();
}

/**
 * A date and time as an operator reads it, in the browser's time zone.
 * @param {string | Date | null | undefined} value
 * @param {'zh' | 'en'} language
 */
export function formatDateTime(value, language) {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  return date.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * A modal dialog asking for one line of text (a reason, a note). Resolves with the text, or null when
 * cancelled. The native <dialog> keeps focus inside it and closes on Escape.
 * @param {{ title: string, label: string, confirm: string, cancel: string, required?: boolean, minLength?: number }} options
 * @returns {Promise<string | null>}
 */
export function askForText(options) {
  return new Promise((resolve) => {
    const input = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: 'dialog-text', rows: 3, maxlength: 500, required: options.required ?? true, minlength: options.minLength ?? 1 }));
    const form = h(
      'form',
      { method: 'dialog', class: 'dialog-form' },
      h('h2', {}, options.title),
      h('label', { for: 'dialog-text' }, options.label),
      input,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', value: 'confirm', class: 'primary' }, options.confirm), h('button', { type: 'button', value: 'cancel', onclick: () => dialog.close('cancel') }, options.cancel)),
    );
    const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'dialog' }, form));
    form.addEventListener('submit', (event) => {
      if ((options.required ?? true) && input.value.trim().length < (options.minLength ?? 1)) {
        event.preventDefault();
        input.focus();
      }
    });
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue === 'confirm' ? input.value.trim() : null;
      dialog.remove();
      resolve(value);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

/**
 * A yes/no confirmation in a modal dialog.
 * @param {{ title: string, message: string, confirm: string, cancel: string }} options
 * @returns {Promise<boolean>}
 */
export function confirmAction(options) {
  return new Promise((resolve) => {
    const dialog = /** @type {HTMLDialogElement} */ (
      h(
        'dialog',
        { class: 'dialog' },
        h(
          'form',
          { method: 'dialog', class: 'dialog-form' },
          h('h2', {}, options.title),
          h('p', {}, options.message),
          h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', value: 'cancel', autofocus: true }, options.cancel), h('button', { type: 'submit', value: 'confirm', class: 'danger' }, options.confirm)),
        ),
      )
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
