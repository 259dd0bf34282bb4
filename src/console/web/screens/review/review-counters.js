// @ts-check
/**
 * The progress line's numbers: decided today and still pending, as the service counts them, adjusted
 * here at once for each decision, undo and failed save (the service's count is read again now and then,
 * when no save is still going).
 */

/** @typedef {{ pending: { address: number, person: number, total: number }, decidedToday: number }} Summary */
/** @typedef {import('./suggestion-view.js').Translate} Translate */

export class ReviewCounters {
  /** @param {import('../../api-client.js').ApiClient} api */
  constructor(api) {
    this.api = api;
    /** @type {Summary | null} */
    this.summary = null;
  }

  /** @returns {Promise<Summary>} the service's counts (not yet taken: see `set`) */
  read() {
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    // "Today" is the operator's day: decisions since local midnight.
    return this.api.get('/v1/match-suggestions/summary', { since: midnight.toISOString() });
  }

  /** @param {Summary} summary */
  set(summary) {
    this.summary = summary;
  }

  /**
   * @param {string} kind
   * @param {number} pending
   * @param {number} decided
   */
  adjust(kind, pending, decided) {
    const summary = this.summary;
    if (!summary) return;
    if (kind === 'address' || kind === 'person') summary.pending[kind] = Math.max(0, summary.pending[kind] + pending);
    summary.pending.total = Math.max(0, summary.pending.total + pending);
    summary.decidedToday = Math.max(0, summary.decidedToday + decided);
  }

  /**
   * @param {Translate} t
   * @param {'' | 'address' | 'person'} kind the queue's filter
   * @param {number} skipped
   */
  text(t, kind, skipped) {
    const summary = this.summary;
    const done = summary ? summary.decidedToday : '—';
    const remaining = summary ? (kind ? summary.pending[kind] : summary.pending.total) : '—';
    const text = t('progress', { done, remaining });
    return skipped > 0 ? text + t('progressSkipped', { skipped }) : text;
  }
}
