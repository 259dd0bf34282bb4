// @ts-check
/**
 * The contact plan of one borrower: its status and guidance, the borrower's own phones and addresses
 * (best first), third parties (far to near), excluded persons and conflicting information. Values are
 * whatever the plan holds: masked, or full when the screen read it unmasked. Every phone and address
 * opens its provenance.
 */
import { formatDateTime, h, headRow } from '../../dom.js';
import { GUIDANCE_ZH } from './lookup-strings.js';
import { fullPhone, statusBadge } from './lookup-parts.js';

/** @typedef {import('./lookup-strings.js').LookupText} LookupText */
/** @typedef {import('./lookup-types.js').ContactPlan} ContactPlan */
/** @typedef {import('./lookup-types.js').PlanAddress} PlanAddress */
/** @typedef {import('./lookup-types.js').PlanObservation} PlanObservation */
/** @typedef {import('./lookup-types.js').PlanStaleFlag} PlanStaleFlag */
/** @typedef {(pointId: string) => void} OpenProvenance */

/**
 * The plan's sections, in the order an operator works through them.
 * @param {LookupText} text
 * @param {ContactPlan} plan
 * @param {OpenProvenance} openProvenance shows where a phone or an address comes from
 */
export function planSections(text, plan, openProvenance) {
  return [statusSection(text, plan), ownSection(text, plan, openProvenance), thirdPartySection(text, plan, openProvenance), exclusionSection(text, plan), conflictSection(text, plan)];
}

/**
 * @param {LookupText} text
 * @param {ContactPlan} plan
 */
function statusSection(text, plan) {
  const { t, language } = text;
  const guidance = language === 'zh' ? (GUIDANCE_ZH[plan.status] ?? plan.guidance) : plan.guidance;
  return h(
    'section',
    { class: 'lookup-status', 'aria-labelledby': 'lookup-status-title' },
    h('h3', { id: 'lookup-status-title' }, t('status')),
    h(
      'p',
      { class: 'lookup-status-line' },
      statusBadge(text, plan.status, { 'data-testid': 'plan-status', 'data-status': plan.status }),
      ' ',
      h('span', { class: 'lookup-status-reason' }, h('span', { class: 'muted' }, `${t('statusReason')}: `), plan.statusReason),
    ),
    guidance.length > 0 ? h('div', {}, h('span', { class: 'muted' }, `${t('guidance')}:`), h('ul', { class: 'lookup-guidance' }, guidance.map((line) => h('li', {}, line)))) : null,
    h(
      'p',
      { class: 'muted lookup-consent' },
      `${t('consent')}: ${t('consentExternal')} `,
      yesNo(text, plan.consent.externalSources),
      ` · ${t('consentThirdParty')} `,
      yesNo(text, plan.consent.thirdPartyContact),
    ),
  );
}

/**
 * @param {LookupText} text
 * @param {boolean} value
 */
function yesNo(text, value) {
  const { t } = text;
  return h('span', { class: `badge ${value ? 'good' : 'bad'}` }, value ? t('yes') : t('no'));
}

/**
 * @param {LookupText} text
 * @param {ContactPlan} plan
 * @param {OpenProvenance} openProvenance
 */
function ownSection(text, plan, openProvenance) {
  const { t, label, language } = text;
  const { phones, addresses } = plan.borrowerContacts;
  return h(
    'section',
    { class: 'lookup-own', 'aria-labelledby': 'lookup-own-title' },
    h('h3', { id: 'lookup-own-title' }, t('ownContacts')),
    h('h4', {}, t('phones')),
    phones.length === 0
      ? h('p', { class: 'muted' }, t('noPhones'))
      : h(
          'table',
          { class: 'data lookup-table' },
          headRow([t('number'), t('type'), t('validity'), t('score'), t('nextAllowed'), t('lastAttempt'), t('seen')]),
          h(
            'tbody',
            {},
            phones.map((phone) =>
              h(
                'tr',
                { 'data-testid': 'own-phone' },
                h('td', {}, phoneButton(text, phone, openProvenance), staleBadges(text, phone.staleFlags)),
                h('td', {}, phone.type ? label(phone.type, 'phone') : t('none')),
                h('td', {}, validityBadge(text, phone.validity)),
                h('td', {}, scoreCell(text, phone.score, phone.factors)),
                h('td', {}, nextAllowedText(text, phone.nextAllowedAt, phone.blockedBy, phone.validity)),
                h('td', {}, phone.lastAttempt ? [label(phone.lastAttempt.outcome), h('br'), h('span', { class: 'muted' }, formatDateTime(phone.lastAttempt.attemptedAt, language))] : t('none')),
                h('td', {}, observationSummary(text, phone.observations)),
              ),
            ),
          ),
        ),
    h('h4', {}, t('addresses')),
    addresses.length === 0
      ? h('p', { class: 'muted' }, t('noAddresses'))
      : h(
          'table',
          { class: 'data lookup-table' },
          headRow([t('address'), t('score'), t('seen')]),
          h(
            'tbody',
            {},
            addresses.map((address) =>
              h(
                'tr',
                { 'data-testid': 'own-address' },
                h('td', {}, addressButton(text, address, openProvenance), address.pickupPoint ? [' ', h('span', { class: 'badge' }, t('pickupPoint'))] : null, staleBadges(text, address.staleFlags)),
                h('td', {}, scoreCell(text, address.score)),
                h('td', {}, observationSummary(text, address.observations)),
              ),
            ),
          ),
        ),
  );
}

/**
 * @param {LookupText} text
 * @param {ContactPlan} plan
 * @param {OpenProvenance} openProvenance
 */
function thirdPartySection(text, plan, openProvenance) {
  const { t, label } = text;
  return h(
    'section',
    { class: 'lookup-third', 'aria-labelledby': 'lookup-third-title' },
    h('h3', { id: 'lookup-third-title' }, t('thirdParties')),
    plan.thirdParties.length === 0
      ? h('p', { class: 'muted' }, t('noThirdParties'))
      : [
          h('p', { class: 'notice lookup-purpose' }, t('thirdPartyPurpose')),
          h(
            'table',
            { class: 'data lookup-table' },
            headRow([t('order'), t('name'), t('distance'), t('number'), t('nextAllowed'), t('sources')]),
            h(
              'tbody',
              {},
              plan.thirdParties.map((party, index) =>
                h(
                  'tr',
                  { 'data-testid': 'third-party' },
                  h('td', {}, String(index + 1)),
                  h(
                    'td',
                    {},
                    h('span', { class: 'lookup-name' }, party.name ?? t('none')),
                    party.kind === 'organisation' ? [' ', h('span', { class: 'badge' }, t('organisation'))] : null,
                    h('br'),
                    h('span', { class: 'muted' }, label(party.relation)),
                  ),
                  h(
                    'td',
                    { class: 'lookup-distance' },
                    h('span', {}, t('distanceWords', { relation: label(party.relation), distance: formatNumber(party.distance), hops: party.hops }), party.hops > 1 ? t('distanceFar') : ''),
                    h('br'),
                    h('span', { class: 'muted lookup-explanation', lang: 'en' }, party.distanceExplanation),
                    party.sharedWithBorrowers > 0 ? [h('br'), h('span', { class: 'badge warn' }, t('sharedWith', { count: party.sharedWithBorrowers }))] : null,
                  ),
                  h(
                    'td',
                    {},
                    h(
                      'ul',
                      { class: 'lookup-phones' },
                      party.phones.map((phone) => h('li', {}, phoneButton(text, phone, openProvenance), ' ', validityBadge(text, phone.validity), ' ', h('span', { class: 'muted' }, formatNumber(phone.score)))),
                    ),
                  ),
                  h('td', {}, nextAllowedText(text, party.nextAllowedAt, party.blockedBy)),
                  h('td', {}, party.sources.length > 0 ? party.sources.join(', ') : t('none')),
                ),
              ),
            ),
          ),
        ],
  );
}

/**
 * @param {LookupText} text
 * @param {ContactPlan} plan
 */
function exclusionSection(text, plan) {
  const { t, label } = text;
  return h(
    'section',
    { class: 'lookup-excluded', 'aria-labelledby': 'lookup-excluded-title' },
    h('h3', { id: 'lookup-excluded-title' }, t('excluded')),
    plan.excluded.length === 0
      ? h('p', { class: 'muted' }, t('noExcluded'))
      : h(
          'table',
          { class: 'data lookup-table' },
          headRow([t('name'), t('relation'), t('reason')]),
          h(
            'tbody',
            {},
            plan.excluded.map((person) =>
              h('tr', { 'data-testid': 'excluded-person' }, h('td', {}, person.name ?? t('none')), h('td', {}, label(person.relation)), h('td', {}, label(person.reason, 'exclusion'))),
            ),
          ),
        ),
  );
}

/**
 * @param {LookupText} text
 * @param {ContactPlan} plan
 */
function conflictSection(text, plan) {
  const { t, label, language } = text;
  return h(
    'section',
    { class: 'lookup-conflicts', 'aria-labelledby': 'lookup-conflicts-title' },
    h('h3', { id: 'lookup-conflicts-title' }, t('conflicts')),
    plan.conflicts.length === 0
      ? h('p', { class: 'muted' }, t('noConflicts'))
      : plan.conflicts.map((conflict) =>
          h(
            'div',
            { class: 'notice lookup-conflict', 'data-testid': 'conflict' },
            h('p', {}, language === 'zh' ? t('conflictMessage') : conflict.message),
            h(
              'dl',
              { class: 'lookup-facts' },
              h('dt', {}, t('nearSaid', { relation: label(conflict.nearInformant.relation) })),
              h('dd', {}, conflict.near.map((value) => h('span', { class: 'lookup-conflict-value', 'data-testid': 'conflict-value' }, value))),
              h('dt', {}, t('farSaid', { relations: [...new Set(conflict.farInformants.map((informant) => label(informant.relation)))].join(language === 'zh' ? '、' : ', ') })),
              h('dd', {}, conflict.far.map((value) => h('span', { class: 'lookup-conflict-value', 'data-testid': 'conflict-value' }, value))),
            ),
          ),
        ),
  );
}

/**
 * @param {LookupText} text
 * @param {{ id: string, masked: string, e164?: string, extension?: string }} phone
 * @param {OpenProvenance} openProvenance
 */
function phoneButton(text, phone, openProvenance) {
  const full = fullPhone(text, phone);
  return h(
    'button',
    {
      type: 'button',
      class: `link lookup-value${full ? ' unmasked' : ''}`,
      'data-testid': 'contact-value',
      'data-point-id': phone.id,
      title: text.t('provenanceHint'),
      onclick: () => openProvenance(phone.id),
    },
    full ?? phone.masked,
  );
}

/**
 * @param {LookupText} text
 * @param {PlanAddress} address
 * @param {OpenProvenance} openProvenance
 */
function addressButton(text, address, openProvenance) {
  return h(
    'button',
    {
      type: 'button',
      class: `link lookup-value lookup-address${address.text ? ' unmasked' : ''}`,
      'data-testid': 'address-value',
      'data-point-id': address.id,
      title: text.t('provenanceHint'),
      onclick: () => openProvenance(address.id),
    },
    address.text ?? address.masked,
  );
}

/**
 * @param {LookupText} text
 * @param {PlanStaleFlag[] | undefined} flags
 */
function staleBadges(text, flags) {
  const { t, label } = text;
  if (!flags || flags.length === 0) return null;
  return flags.flatMap((flag) => [' ', h('span', { class: 'badge warn', 'data-testid': 'stale-flag', 'data-flag-id': flag.id }, t('staleFlag', { type: label(flag.type) }))]);
}

/**
 * @param {LookupText} text
 * @param {string} validity
 */
function validityBadge(text, validity) {
  return h('span', { class: `badge ${validity === 'valid' ? 'good' : validity === 'invalid' ? 'bad' : ''}` }, text.label(validity, 'validity'));
}

/**
 * @param {LookupText} text
 * @param {number} score
 * @param {Record<string, number>} [factors]
 */
function scoreCell(text, score, factors) {
  const { t } = text;
  const shown = formatNumber(score);
  const details = factors
    ? t('factors', {
        validity: formatNumber(factors.validity ?? 0),
        recency: formatNumber(factors.recency ?? 0),
        confirmation: formatNumber(factors.confirmation ?? 0),
        trust: formatNumber(factors.trust ?? 0),
        sharing: formatNumber(factors.sharing ?? 0),
      })
    : undefined;
  return h(
    'span',
    { class: 'lookup-score', title: details },
    h('meter', { min: 0, max: 1, low: 0.34, high: 0.67, optimum: 1, value: Math.max(0, Math.min(1, score)), 'aria-label': t('score') }),
    ' ',
    shown,
    details ? h('span', { class: 'muted lookup-factors' }, details) : null,
  );
}

/**
 * @param {LookupText} text
 * @param {string | null} at
 * @param {string | undefined} blockedBy
 * @param {string} [validity]
 */
function nextAllowedText(text, at, blockedBy, validity) {
  const { t, label, language } = text;
  if (validity === 'invalid') return t('none');
  if (!at) return h('span', { class: 'badge bad' }, blockedBy ? `${t('notAllowed')}: ${label(blockedBy)}` : t('notAllowed'));
  const time = new Date(at);
  const now = time.getTime() <= Date.now();
  return h(
    'span',
    { class: 'lookup-next' },
    now ? h('span', { class: 'badge good' }, t('allowedNow')) : formatDateTime(at, language),
    blockedBy && !now ? [h('br'), h('span', { class: 'muted' }, label(blockedBy))] : null,
  );
}

/**
 * @param {LookupText} text
 * @param {PlanObservation[] | undefined} observations
 */
function observationSummary(text, observations) {
  const { t, language } = text;
  if (!observations || observations.length === 0) return t('none');
  const sources = [...new Set(observations.map((observation) => observation.sourceKey))];
  const latest = observations.reduce((newest, observation) => (observation.observedAt > newest ? observation.observedAt : newest), observations[0].observedAt);
  return h('span', {}, sources.join(', '), h('br'), h('span', { class: 'muted' }, `${t('observations', { count: observations.length })} · ${formatDateTime(latest, language)}`));
}

/** @param {number} value */
function formatNumber(value) {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '—';
}
