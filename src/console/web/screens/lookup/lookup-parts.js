// @ts-check
/** Small pieces the lookup's views share: badges, the unmasked marker and the reason dialog. */
import { askForText, h } from '../../dom.js';
import { STATUS_BADGE } from './lookup-strings.js';

/** @typedef {import('./lookup-strings.js').LookupText} LookupText */

/**
 * A badge coloured by a plan, run or inquiry status.
 * @param {LookupText} text
 * @param {string} status
 * @param {Record<string, string | undefined>} [attributes] extra attributes (e.g. a data-testid)
 */
export function statusBadge(text, status, attributes = {}) {
  return h('span', { class: `badge ${STATUS_BADGE[status] ?? ''}`, ...attributes }, text.label(status));
}

/**
 * A phone's full number (with its extension), or null when only the masked form was sent.
 * @param {LookupText} text
 * @param {{ e164?: string, extension?: string }} phone
 */
export function fullPhone(text, phone) {
  return phone.e164 ? `${phone.e164}${phone.extension ? ` ${text.t('extension')} ${phone.extension}` : ''}` : null;
}

/**
 * The note shown above full values: they were read with this reason, and the read was audited.
 * @param {LookupText} text
 * @param {string | null} reason
 * @param {string} [testId]
 */
export function unmaskedMarker(text, reason, testId) {
  return h('p', { class: 'lookup-unmasked-marker', role: 'note', 'data-testid': testId }, text.t('unmaskedMarker', { reason: reason ?? '' }));
}

/**
 * Asks why the operator needs full values (the API wants at least 4 letters or digits). Null when cancelled.
 * @param {LookupText} text
 * @param {string} title
 */
export function askReason(text, title) {
  return askForText({ title, label: text.t('unmaskLabel'), confirm: text.t('unmaskConfirm'), cancel: text.t('cancel'), required: true, minLength: 4 });
}

/**
 * The alert shown when a read failed: the unmasking (a reason was given) or the plain read.
 * @param {LookupText} text
 * @param {unknown} error
 * @param {boolean} unmasking
 */
export function failureNotice(text, error, unmasking) {
  const message = errorText(error);
  return h('p', { class: 'notice error', role: 'alert' }, unmasking ? text.t('unmaskFailed', { message }) : text.t('failed', { message }));
}

/** @param {unknown} error */
export function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}
