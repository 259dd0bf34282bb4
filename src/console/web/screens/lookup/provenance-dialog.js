// @ts-check
/**
 * Where a phone or an address comes from: the contact point with every observation behind it, and
 * the raw source record an observation was read from. Each has its own audited "show full" with a
 * stated reason. Closing the dialog drops everything it showed, unmasked values included.
 */
import { clear, formatDateTime, h, headRow } from '../../dom.js';
import { askReason, failureNotice, fullPhone, unmaskedMarker } from './lookup-parts.js';

/** @typedef {import('../../api-client.js').ApiClient} ApiClient */
/** @typedef {import('./lookup-strings.js').LookupText} LookupText */
/** @typedef {import('./lookup-types.js').ContactPoint} ContactPoint */
/** @typedef {import('./lookup-types.js').SourceRecord} SourceRecord */
/**
 * What the dialog's parts share: the API, the words, and whether the dialog is still the one shown
 * (an answer arriving after it closed is dropped).
 * @typedef {{ api: ApiClient, text: LookupText, live: () => boolean }} ProvenanceView
 */

/**
 * Opens the provenance of one contact point in a modal dialog.
 * @param {ApiClient} api
 * @param {LookupText} text
 * @param {string} pointId
 * @param {() => void} onClosed called once the dialog is gone, however it was closed
 * @returns {{ close: () => void }} closes the dialog at once (leaving the screen, looking up again)
 */
export function openProvenanceDialog(api, text, pointId, onClosed) {
  const { t } = text;
  let open = true;
  const body = h('div', { class: 'lookup-provenance-body' });
  const dialog = /** @type {HTMLDialogElement} */ (
    h(
      'dialog',
      { class: 'dialog lookup-provenance', 'aria-labelledby': 'provenance-title', 'data-testid': 'provenance' },
      h('div', { class: 'lookup-dialog-head' }, h('h2', { id: 'provenance-title' }, t('provenanceTitle')), h('button', { type: 'button', onclick: () => dialog.close() }, t('close'))),
      body,
    )
  );
  const drop = () => {
    if (!open) return;
    open = false;
    clear(dialog);
    if (dialog.open) dialog.close();
    dialog.remove();
    onClosed();
  };
  // Closing drops what the dialog showed (unmasked values included).
  dialog.addEventListener('close', drop);
  document.body.append(dialog);
  dialog.showModal();
  void loadPoint({ api, text, live: () => open }, body, pointId, null);
  return { close: drop };
}

/**
 * @param {ProvenanceView} view
 * @param {HTMLElement} body
 * @param {string} pointId
 * @param {string | null} reason
 */
async function loadPoint(view, body, pointId, reason) {
  const { t } = view.text;
  const pointArea = h('div', { class: 'lookup-point' });
  const recordArea = h('div', { class: 'lookup-record', 'aria-live': 'polite' });
  const busy = h('p', { class: 'muted' }, t('loading'));
  body.append(busy);
  try {
    const point = /** @type {ContactPoint} */ (await view.api.get(`/v1/contact-points/${encodeURIComponent(pointId)}`, reason ? { unmask: 'true', reason } : undefined));
    if (!view.live()) return;
    clear(body);
    body.append(pointArea, recordArea);
    renderPoint(view, body, pointArea, recordArea, point, reason);
  } catch (error) {
    if (!view.live()) return;
    busy.remove();
    body.prepend(failureNotice(view.text, error, reason !== null));
  }
}

/**
 * A heading row with, while the values are masked, the button that asks for a reason and unmasks them.
 * @param {ProvenanceView} view
 * @param {HTMLElement} title
 * @param {boolean} unmasked
 * @param {'pointUnmaskTitle' | 'recordUnmaskTitle'} askTitle
 * @param {'showFullDetails' | 'showFullRecord'} buttonLabel
 * @param {(reason: string) => Promise<void>} unmask called with the reason given, while the dialog is still open
 */
function unmaskHead(view, title, unmasked, askTitle, buttonLabel, unmask) {
  const { text } = view;
  return h(
    'div',
    { class: 'lookup-head' },
    title,
    h('span', { class: 'lookup-spacer' }),
    unmasked
      ? null
      : h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              const given = await askReason(text, text.t(askTitle));
              if (given === null || !view.live()) return;
              await unmask(given);
            },
          },
          text.t(buttonLabel),
        ),
  );
}

/**
 * @param {ProvenanceView} view
 * @param {HTMLElement} body
 * @param {HTMLElement} area
 * @param {HTMLElement} recordArea
 * @param {ContactPoint} point
 * @param {string | null} reason
 */
function renderPoint(view, body, area, recordArea, point, reason) {
  const { text } = view;
  const { t, label, language } = text;
  const unmasked = reason !== null;
  const full = point.kind === 'phone' ? fullPhone(text, point) : addressText(point.address);
  area.append(h('div', { class: 'lookup-stack' },
    unmaskHead(
      view,
      h('span', { class: `lookup-point-value${unmasked ? ' unmasked' : ''}`, 'data-testid': 'provenance-value' }, full ?? point.masked),
      unmasked,
      'pointUnmaskTitle',
      'showFullDetails',
      async (given) => {
        const previous = [...body.childNodes];
        clear(body);
        await loadPoint(view, body, point.id, given);
        // A refused unmasking keeps the masked view.
        if (view.live() && !body.querySelector('.lookup-point')) body.append(...previous);
      },
    ),
    unmasked ? unmaskedMarker(text, reason) : null,
    h(
      'dl',
      { class: 'lookup-facts' },
      h('dt', {}, t('kind')),
      h('dd', {}, label(point.kind)),
      point.subtype ? [h('dt', {}, t('subtype')), h('dd', {}, label(point.subtype, point.kind === 'phone' ? 'phone' : undefined))] : null,
      point.carrierGroup ? [h('dt', {}, t('carrier')), h('dd', {}, point.carrierGroup)] : null,
      h('dt', {}, t('firstSeen')),
      h('dd', {}, formatDateTime(point.firstSeenAt, language)),
      h('dt', {}, t('lastSeen')),
      h('dd', {}, formatDateTime(point.lastSeenAt, language)),
      h('dt', {}, t('sources')),
      h('dd', {}, t('sharing', { borrowers: point.borrowerCount, sources: point.sourceCount }), point.mergedFrom.length > 0 ? [h('br'), h('span', { class: 'muted' }, t('mergedFrom', { count: point.mergedFrom.length }))] : null),
      point.owners.length > 0
        ? [
            h('dt', {}, t('owners')),
            h(
              'dd',
              {},
              h(
                'ul',
                { class: 'lookup-owners' },
                point.owners.map((owner) => h('li', {}, owner.name ?? t('none'), owner.borrowerRefs.length > 0 ? h('span', { class: 'muted' }, ` · ${t('borrowers')}: ${owner.borrowerRefs.join(', ')}`) : null)),
              ),
            ),
          ]
        : null,
    ),
    h('h3', {}, t('observationList')),
    h(
      'table',
      { class: 'data lookup-table' },
      headRow([t('source'), t('record'), t('field'), t('observedAt'), t('receivedAt'), unmasked ? t('asWritten') : null, '']),
      h(
        'tbody',
        {},
        point.observations.map((observation) =>
          h(
            'tr',
            { 'data-testid': 'observation' },
            h('td', {}, observation.sourceKey),
            h('td', {}, h('span', { class: 'lookup-mono' }, observation.sourceRecordId), h('span', { class: 'muted' }, ` v${observation.version}`)),
            h('td', {}, label(observation.field)),
            h('td', {}, formatDateTime(observation.observedAt, language)),
            h('td', {}, formatDateTime(observation.receivedAt, language)),
            unmasked ? h('td', { class: 'unmasked' }, observation.raw ?? t('none')) : null,
            h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => void openRecord(view, recordArea, observation.sourceKey, observation.sourceRecordId, null) }, t('openRecord'))),
          ),
        ),
      ),
    ),
  ));
}

/**
 * @param {ProvenanceView} view
 * @param {HTMLElement} area
 * @param {string} sourceKey
 * @param {string} sourceRecordId
 * @param {string | null} reason
 */
async function openRecord(view, area, sourceKey, sourceRecordId, reason) {
  const { t } = view.text;
  const previous = [...area.childNodes];
  clear(area);
  area.append(h('p', { class: 'muted' }, t('loading')));
  try {
    const record = /** @type {SourceRecord} */ (
      await view.api.get(`/v1/sources/${encodeURIComponent(sourceKey)}/records/${encodeURIComponent(sourceRecordId)}`, reason ? { unmask: 'true', reason } : undefined)
    );
    if (!view.live()) return;
    clear(area);
    renderRecord(view, area, sourceRecordId, record, reason);
    area.scrollIntoView({ block: 'nearest' });
  } catch (error) {
    if (!view.live()) return;
    clear(area);
    if (reason) area.append(...previous);
    area.prepend(failureNotice(view.text, error, reason !== null));
  }
}

/**
 * @param {ProvenanceView} view
 * @param {HTMLElement} area
 * @param {string} sourceRecordId
 * @param {SourceRecord} read
 * @param {string | null} reason
 */
function renderRecord(view, area, sourceRecordId, read, reason) {
  const { text } = view;
  const { t, label, language } = text;
  const unmasked = reason !== null;
  const payload = read.record ?? {};
  /** @param {string} term @param {unknown} value */
  const fact = (term, value) => (value === undefined || value === null || value === '' ? null : [h('dt', {}, term), h('dd', { class: unmasked ? 'unmasked' : undefined }, String(value))]);
  area.append(h('div', { class: 'lookup-stack' },
    unmaskHead(view, h('h3', {}, t('sourceRecord', { source: read.sourceKey, record: sourceRecordId })), unmasked, 'recordUnmaskTitle', 'showFullRecord', (given) =>
      openRecord(view, area, read.sourceKey, sourceRecordId, given),
    ),
    unmasked ? unmaskedMarker(text, reason) : null,
    h(
      'dl',
      { class: 'lookup-facts', 'data-testid': 'source-record' },
      fact(t('version'), read.version),
      fact(t('observedAt'), payload.observedAt ? formatDateTime(payload.observedAt, language) : undefined),
      fact(t('borrower'), payload.borrower?.ref),
      fact(t('name'), payload.borrower?.name),
      fact(t('idNumber'), payload.borrower?.idNumber),
      fact(t('subject'), [payload.subject?.role ? label(payload.subject.role) : '', payload.subject?.name ?? '', payload.subject?.relation ?? ''].filter(Boolean).join(' · ')),
      fact(t('employer'), [payload.employer?.name ?? '', payload.employer?.phone ?? ''].filter(Boolean).join(' · ')),
    ),
    read.phones.length > 0
      ? [
          h('h4', {}, t('recordPhones')),
          h(
            'table',
            { class: 'data lookup-table' },
            headRow([t('asWritten'), t('field'), t('type'), t('error')]),
            h(
              'tbody',
              {},
              read.phones.map((phone) =>
                h(
                  'tr',
                  {},
                  h('td', { class: unmasked ? 'unmasked' : undefined, 'data-testid': 'record-value' }, phone.raw, phone.e164 && phone.e164 !== phone.raw ? h('span', { class: 'muted' }, ` → ${fullPhone(text, phone)}`) : null),
                  h('td', {}, phone.field ? label(phone.field) : t('none')),
                  h('td', {}, phone.type ? label(phone.type, 'phone') : t('none')),
                  h('td', {}, phone.error ?? t('none')),
                ),
              ),
            ),
          ),
        ]
      : null,
    read.addresses.length > 0
      ? [
          h('h4', {}, t('recordAddresses')),
          h(
            'table',
            { class: 'data lookup-table' },
            headRow([t('asWritten'), t('error')]),
            h('tbody', {}, read.addresses.map((address) => h('tr', {}, h('td', { class: unmasked ? 'unmasked' : undefined, 'data-testid': 'record-value' }, address.raw), h('td', {}, address.error ?? t('none'))))),
          ),
        ]
      : null,
    read.versions.length > 0
      ? [
          h('h4', {}, t('versions')),
          h(
            'table',
            { class: 'data lookup-table' },
            headRow([t('version'), t('observedAt'), t('receivedAt'), t('batch'), unmasked ? t('contentHash') : null]),
            h(
              'tbody',
              {},
              read.versions.map((version) =>
                h(
                  'tr',
                  {},
                  h('td', {}, String(version.version)),
                  h('td', {}, formatDateTime(version.observedAt, language)),
                  h('td', {}, formatDateTime(version.receivedAt, language)),
                  h('td', { class: 'lookup-mono' }, version.batchId),
                  unmasked ? h('td', { class: 'lookup-mono lookup-hash' }, version.contentHash ?? t('none')) : null,
                ),
              ),
            ),
          ),
        ]
      : null,
  ));
}

/**
 * A contact point's address as one line: as written when the API sent that, else its parts joined.
 * @param {Record<string, unknown> | undefined} address
 */
function addressText(address) {
  if (!address) return null;
  for (const key of ['raw', 'cleaned', 'text']) {
    const value = address[key];
    if (typeof value === 'string' && value) return value;
  }
  /** @param {unknown} part */
  const name = (part) => (part && typeof part === 'object' && 'name' in part ? String(/** @type {{ name: unknown }} */ (part).name) : typeof part === 'string' ? part : '');
  const text = ['province', 'city', 'district', 'town', 'road', 'roadNumber', 'community', 'building', 'unit', 'room'].map((key) => name(address[key])).join('');
  return text || null;
}
