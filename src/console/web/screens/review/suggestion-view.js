// @ts-check
/**
 * One suggestion on screen: the header (kind, score, borrower), the reasons in words, and the two
 * sides next to each other with each compared field and where each side was seen. Builds elements only
 * (no state): the screen puts them in place.
 */
import { formatDateTime, h } from '../../dom.js';
import { FIELD_NAMES, MARKS, phrase, relationLabel, STRINGS } from './review-strings.js';

/** @typedef {import('./review-strings.js').Language} Language */
/** @typedef {import('./review-queue.js').Suggestion} Suggestion */
/** @typedef {import('./review-queue.js').SuggestionSide} SuggestionSide */
/** @typedef {import('./review-queue.js').SuggestionField} SuggestionField */
/** @typedef {(key: keyof typeof STRINGS.en, values?: Record<string, string | number>) => string} Translate */

const MENTIONS_SHOWN = 4;

export class SuggestionView {
  /**
   * @param {Translate} t
   * @param {Language} language
   */
  constructor(t, language) {
    this.t = t;
    this.language = language;
  }

  /** @param {Suggestion} suggestion */
  renderSuggestion(suggestion) {
    const t = this.t;
    const byField = suggestion.fields ?? [];
    return h(
      'article',
      { class: `suggestion kind-${suggestion.kind}`, 'data-testid': 'suggestion', 'data-suggestion-id': suggestion.id, 'aria-labelledby': 'suggestion-heading' },
      h(
        'header',
        { class: 'suggestion-head' },
        h('h2', { id: 'suggestion-heading' }, h('span', { class: 'badge' }, this.kindLabel(suggestion.kind)), ' ', t('score', { score: formatScore(suggestion.score) })),
        h('meter', { class: 'score-meter', min: 0, max: 1, low: 0.5, high: 0.8, optimum: 1, value: clampScore(suggestion.score), 'aria-hidden': 'true' }),
        suggestion.borrowerRef ? h('span', { class: 'muted' }, t('borrower', { ref: suggestion.borrowerRef })) : null,
        h('span', { class: 'muted' }, t('created', { when: formatDateTime(suggestion.createdAt, this.language) })),
      ),
      h(
        'section',
        { class: 'assessment', 'aria-label': t('assessment') },
        h('ul', { class: 'reasons' }, this.reasons(byField).map(({ agreement, text }) => h('li', { class: `reason ${agreement}` }, h('span', { class: 'reason-mark', 'aria-hidden': 'true' }, MARKS[agreement] ?? '·'), text))),
      ),
      h('div', { class: 'sides' }, this.renderSide(suggestion, 'left'), this.renderSide(suggestion, 'right')),
    );
  }

  /**
   * @param {Suggestion} suggestion
   * @param {'left' | 'right'} which
   */
  renderSide(suggestion, which) {
    const t = this.t;
    const side = suggestion[which] ?? { id: '', observations: 0 };
    const label = t(which);
    const fields = suggestion.fields ?? [];
    const hiddenSide = fields.length > 0 && fields.every((field) => field.left === undefined && field.right === undefined) && !side.address && !side.name && side.observations === 0;
    return h(
      'section',
      { class: `side side-${which}`, 'aria-label': label },
      h('h3', {}, label, ' ', h('code', { class: 'muted', title: side.id }, shortId(side.id))),
      hiddenSide ? h('p', { class: 'muted' }, t('hiddenSide')) : null,
      h('h4', { class: 'visually-hidden' }, t('fields')),
      h(
        'dl',
        { class: 'fields' },
        fields.map((field) =>
          h(
            'div',
            { class: `field ${field.agreement}` },
            h('dt', {}, this.fieldLabel(field.field)),
            h('dd', {}, this.fieldValue(field.field, which === 'left' ? field.left : field.right), ' ', h('span', { class: `agreement ${field.agreement}` }, this.agreementLabel(field.agreement))),
          ),
        ),
      ),
      this.renderSeen(side),
    );
  }

  /** @param {SuggestionSide} side */
  renderSeen(side) {
    const t = this.t;
    /** @type {(Node | null)[]} */
    const parts = [];
    if (side.name !== undefined) parts.push(definition(t('name'), side.name || t('hidden')));
    if (side.relations && side.relations.length > 0) parts.push(definition(t('relations'), side.relations.map((relation) => relationLabel(relation, this.language)).join('、')));
    if (side.phones && side.phones.length > 0) parts.push(definition(t('phones'), side.phones.join('、')));
    const address = side.address ? addressText(side.address, this.language) : '';
    if (address) parts.push(definition(t('address'), address));
    const mentions = [...new Set(side.mentions ?? [])];
    if (mentions.length > 0) {
      const shown = mentions.slice(0, MENTIONS_SHOWN);
      parts.push(
        definition(
          t('mentions'),
          h(
            'ul',
            { class: 'mentions' },
            shown.map((mention) => h('li', {}, mention)),
            mentions.length > shown.length ? h('li', { class: 'muted' }, t('moreMentions', { count: mentions.length - shown.length })) : null,
          ),
        ),
      );
    }
    // The newest records naming the side: source, the source's record id, when it was observed.
    const sightings = side.sightings ?? [];
    if (sightings.length > 0) {
      parts.push(
        definition(
          t('records'),
          h(
            'ul',
            { class: 'sightings', 'data-testid': 'sightings' },
            sightings.map((sighting) => h('li', {}, h('span', { class: 'badge' }, sighting.source), ' ', sighting.sourceRecordId, ' · ', formatDateTime(sighting.observedAt, this.language))),
          ),
        ),
      );
    }
    return h(
      'div',
      { class: 'seen' },
      h('h4', {}, t('seen')),
      h('p', {}, side.observations > 0 ? (side.observations === 1 ? t('observationsOne') : t('observations', { count: side.observations })) : h('span', { class: 'muted' }, t('observationsNone'))),
      parts.length > 0 ? h('dl', { class: 'seen-list' }, parts) : null,
    );
  }

  /**
   * The fields' contributions in words, road and number together when both agree.
   * @param {SuggestionField[]} fields
   * @returns {{ agreement: string, text: string }[]}
   */
  reasons(fields) {
    const zh = this.language === 'zh';
    const agreementOf = (/** @type {string} */ name) => fields.find((field) => field.field === name)?.agreement;
    const roadAndNumber = agreementOf('road') === 'agree' && agreementOf('roadNumber') === 'agree';
    /** @type {{ agreement: string, text: string }[]} */
    const out = [];
    // Differences first: they decide most pairs.
    const order = { differ: 0, similar: 1, missing: 2, agree: 3 };
    const sorted = [...fields].sort((a, b) => (order[/** @type {keyof typeof order} */ (a.agreement)] ?? 4) - (order[/** @type {keyof typeof order} */ (b.agreement)] ?? 4));
    for (const field of sorted) {
      if (roadAndNumber && field.field === 'roadNumber') continue;
      if (roadAndNumber && field.field === 'road') {
        out.push({ agreement: 'agree', text: zh ? '道路与门牌一致' : 'road and number agree' });
        continue;
      }
      out.push({ agreement: field.agreement, text: phrase(field.field, field.agreement, this.language) });
    }
    return out;
  }

  /** @param {Suggestion} suggestion */
  differences(suggestion) {
    const differing = (suggestion.fields ?? []).filter((field) => field.agreement === 'differ' || field.agreement === 'similar');
    return differing.map((field) => phrase(field.field, field.agreement, this.language)).join(this.language === 'zh' ? '；' : '; ');
  }

  /** @param {string} kind */
  kindLabel(kind) {
    return kind === 'address' ? this.t('kindAddressOne') : kind === 'person' ? this.t('kindPersonOne') : kind;
  }

  /** @param {string} field */
  fieldLabel(field) {
    return FIELD_NAMES[field]?.[this.language] ?? field;
  }

  /**
   * @param {string} field
   * @param {string | undefined} value
   */
  fieldValue(field, value) {
    if (value === undefined || value === null || value === '') return h('span', { class: 'muted' }, this.t('hidden'));
    if (field === 'relation') return relationLabel(value, this.language);
    if (field === 'pickupPoint') return value === 'yes' ? this.t('yes') : value === 'no' ? this.t('no') : value;
    return value;
  }

  /** @param {string} agreement */
  agreementLabel(agreement) {
    return agreement === 'agree' || agreement === 'similar' || agreement === 'differ' || agreement === 'missing' ? this.t(agreement) : agreement;
  }

  /**
   * A short line for a side in the bulk list.
   * @param {SuggestionSide} side
   */
  sideSummary(side) {
    if (!side) return '—';
    if (side.name) return side.name;
    if (side.mentions && side.mentions.length > 0) return side.mentions[0];
    if (side.address) return addressText(side.address, this.language) || shortId(side.id);
    return shortId(side.id);
  }
}

/**
 * @param {string} label
 * @param {HTMLElement | string} value
 */
function definition(label, value) {
  return h('div', { class: 'seen-item' }, h('dt', {}, label), h('dd', {}, value));
}

/**
 * Province, city and district (and whatever else the answer holds) as one line.
 * @param {Record<string, unknown>} address
 * @param {Language} language
 */
function addressText(address, language) {
  const order = ['province', 'city', 'district', 'town', 'road', 'roadNumber', 'community', 'building', 'unit', 'floor', 'room'];
  const parts = order.map((key) => partText(address[key])).filter((part) => part !== '');
  return parts.join(language === 'zh' ? '' : ', ');
}

/** @param {unknown} value */
function partText(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && 'name' in value) return String(/** @type {{ name: unknown }} */ (value).name);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return '';
}

/** @param {string | undefined} id */
function shortId(id) {
  // The end of the id: time-ordered ids (UUIDv7) share their first characters.
  return id ? `…${id.slice(-8)}` : '—';
}

/** @param {number} score */
function clampScore(score) {
  return Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
}

/** @param {number} score */
export function formatScore(score) {
  return Number.isFinite(score) ? score.toFixed(2) : '—';
}
