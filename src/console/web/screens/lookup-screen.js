// @ts-check
/**
 * 借款人查询 / Borrower lookup: the contact plan of one borrower as the platform sees it (masked), its
 * provenance (every observation behind a phone or an address, and the raw source record), and an
 * audited "show full number" with a stated reason.
 *
 * The borrower reference is typed into the form and kept in this module's memory only: never in the
 * page URL, the history or browser storage. Unmasked values live in this screen's variables and DOM
 * and are dropped when the operator leaves the screen, looks up another borrower or masks again.
 */
import { ApiError } from '../api-client.js';
import { clear, formatDateTime, h } from '../dom.js';
import { lookupText } from './lookup/lookup-strings.js';
import { askReason, errorText, unmaskedMarker } from './lookup/lookup-parts.js';
import { planSections } from './lookup/plan-view.js';
import { openProvenanceDialog } from './lookup/provenance-dialog.js';
import { repairSection } from './lookup/repair-run-view.js';

/** @typedef {import('../console-types.js').Screen} Screen */
/** @typedef {import('../console-types.js').ScreenContext} ScreenContext */
/** @typedef {import('./lookup/lookup-types.js').ContactPlan} ContactPlan */
/** @typedef {import('./lookup/lookup-types.js').RepairRun} RepairRun */

/**
 * The reference the next showing of the screen looks up (set by another screen, e.g. a stale flag's
 * borrower): kept in memory, never in the URL.
 * @type {string | null}
 */
let pendingReference = null;

/**
 * Opens the lookup screen on a borrower without putting the reference in the URL or the history.
 * @param {ScreenContext} context
 * @param {string} reference
 */
export function openLookup(context, reference) {
  pendingReference = reference;
  context.navigate('/console/lookup');
}

/** @type {Screen} */
export const lookupScreen = {
  path: '/console/lookup',
  title: { zh: '借款人查询', en: 'Borrower lookup' },
  // GET /v1/borrowers/{ref}/contact-plan allows platform and operator only.
  roles: ['operator'],
  render(root, context) {
    const language = context.language;
    const text = lookupText(language);
    const { t } = text;

    /**
     * Everything the screen knows about the borrower shown: dropped on leaving.
     * @type {{ reference: string | null, plan: ContactPlan | null, runs: RepairRun[] | Error | null, reason: string | null, request: number, dialog: { close: () => void } | null, left: boolean }}
     */
    const state = { reference: null, plan: null, runs: null, reason: null, request: 0, dialog: null, left: false };

    const input = /** @type {HTMLInputElement} */ (
      h('input', { id: 'lookup-ref', name: 'lookup-ref', type: 'text', class: 'lookup-ref-input', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', required: true, maxlength: 100 })
    );
    const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'primary' }, t('lookUp')));
    const form = h(
      'form',
      {
        class: 'toolbar lookup-form',
        role: 'search',
        autocomplete: 'off',
        novalidate: true,
        onsubmit: (/** @type {SubmitEvent} */ event) => {
          // Never let the browser submit: a GET form would put the reference in the URL.
          event.preventDefault();
          const reference = input.value.trim();
          if (!reference) {
            input.focus();
            return;
          }
          void load(reference, null);
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'lookup-ref' }, t('reference')), input),
      submit,
      h('span', { class: 'muted lookup-hint' }, t('focusHint', { key: '/' })),
    );
    const message = h('div', { class: 'lookup-message', 'aria-live': 'polite' });
    const planArea = h('section', { class: 'lookup-plan', 'data-testid': 'contact-plan', hidden: true, 'aria-label': lookupScreen.title[language] });

    root.append(h('h1', {}, lookupScreen.title[language]), h('p', { class: 'muted lookup-intro' }, t('intro')), form, message, planArea);

    context.onKey((event) => {
      if (event.key === '/') {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });

    context.onLeave(() => {
      state.left = true;
      state.request += 1;
      forget();
      input.value = '';
      clear(root);
    });

    if (pendingReference) {
      const reference = pendingReference;
      pendingReference = null;
      input.value = reference;
      void load(reference, null);
    } else {
      input.focus();
    }

    /** Drops the borrower shown, unmasked values included, from memory and from the page. */
    function forget() {
      closeDialog();
      state.reference = null;
      state.plan = null;
      state.runs = null;
      state.reason = null;
      clear(planArea);
      planArea.hidden = true;
      clear(message);
    }

    function closeDialog() {
      const dialog = state.dialog;
      state.dialog = null;
      dialog?.close();
    }

    /**
     * Loads the plan (masked, or unmasked with a reason) and the borrower's repair runs.
     * @param {string} reference
     * @param {string | null} reason
     */
    async function load(reference, reason) {
      const request = ++state.request;
      const sameBorrower = reference === state.reference;
      if (!sameBorrower) forget();
      closeDialog();
      submit.disabled = true;
      planArea.setAttribute('aria-busy', 'true');
      clear(message);
      message.append(h('p', { class: 'muted' }, t('loading')));
      const path = `/v1/borrowers/${encodeURIComponent(reference)}`;
      try {
        const [plan, runs] = await Promise.all([
          context.api.get(`${path}/contact-plan`, reason ? { unmask: 'true', reason } : undefined),
          context.api.get(`${path}/repair-runs`, { limit: 10 }).catch((/** @type {unknown} */ error) => (error instanceof Error ? error : new Error(String(error)))),
        ]);
        if (request !== state.request || state.left) return;
        state.reference = reference;
        state.plan = /** @type {ContactPlan} */ (plan);
        state.runs = runs instanceof Error ? runs : /** @type {RepairRun[]} */ (runs);
        state.reason = reason;
        clear(message);
        renderPlan();
      } catch (error) {
        if (request !== state.request || state.left) return;
        clear(message);
        if (error instanceof ApiError && error.status === 401) return;
        const detail = errorText(error);
        if (reason) {
          // The masked plan stays as it was; only the unmasking failed.
          message.append(h('p', { class: 'notice error', role: 'alert' }, t('unmaskFailed', { message: detail })));
          context.notify(t('unmaskFailed', { message: detail }), 'error');
        } else {
          forget();
          message.append(h('p', { class: 'notice error', role: 'alert' }, error instanceof ApiError && error.status === 404 ? t('notFound') : t('failed', { message: detail })));
        }
      } finally {
        if (request === state.request) {
          submit.disabled = false;
          planArea.removeAttribute('aria-busy');
        }
      }
    }

    async function unmask() {
      const reference = state.reference;
      if (!reference) return;
      const reason = await askReason(text, t('unmaskTitle'));
      if (reason === null || state.left || state.reference !== reference) return;
      await load(reference, reason);
    }

    function maskAgain() {
      const reference = state.reference;
      if (!reference) return;
      // Drop the unmasked plan at once; the masked one replaces it.
      state.plan = null;
      state.reason = null;
      clear(planArea);
      void load(reference, null);
    }

    function renderPlan() {
      const plan = state.plan;
      clear(planArea);
      if (!plan) {
        planArea.hidden = true;
        return;
      }
      planArea.hidden = false;
      const unmasked = !plan.masked;
      planArea.classList.toggle('unmasked', unmasked);
      planArea.append(
        h(
          'div',
          { class: 'lookup-head' },
          h('h2', {}, t('planFor', { ref: plan.borrowerRef })),
          h('span', { class: 'muted' }, t('generatedAt', { time: formatDateTime(plan.generatedAt, language) })),
          h('span', { class: 'lookup-spacer' }),
          unmasked
            ? h('button', { type: 'button', onclick: () => maskAgain() }, t('hideFull'))
            : h('button', { type: 'button', class: 'lookup-unmask', onclick: () => void unmask() }, t('showFull')),
        ),
        unmasked
          ? unmaskedMarker(text, state.reason, 'unmasked-marker')
          : h('p', { class: 'lookup-masked-marker muted', 'data-testid': 'masked-marker' }, t('maskedMarker')),
        ...planSections(text, plan, openProvenance),
        repairSection(text, plan, state.runs),
      );
    }

    /**
     * Shows where a phone or an address comes from; one provenance dialog at a time.
     * @param {string} pointId
     */
    function openProvenance(pointId) {
      closeDialog();
      const dialog = openProvenanceDialog(context.api, text, pointId, () => {
        if (state.dialog === dialog) state.dialog = null;
      });
      state.dialog = dialog;
    }
  },
};
