// @ts-check
/**
 * The review queue's state, without the DOM: the suggestion on screen, the buffer of loaded ones behind
 * it (refilled page by page in the background), the ones skipped in this visit, and the stack of this
 * visit's decisions (for undo). Deciding moves on at once; saving is the screen's business (see
 * review-saver.js), and a save that fails puts its suggestion back at the front.
 *
 * Everything here is what the API gives (masked) and lives only until `clear()`, when the operator
 * leaves the screen. Decision entries hold ids only; the decided suggestions are kept by id for undo.
 */

/**
 * @typedef {{ field: string, left?: string, right?: string, agreement: string }} SuggestionField
 * @typedef {{
 *   id: string, address?: Record<string, unknown>, mentions?: string[], name?: string, relations?: string[], phones?: string[],
 *   observations: number, sightings?: { source: string, sourceRecordId: string, observedAt: string }[]
 * }} SuggestionSide
 * @typedef {{
 *   id: string, kind: string, score: number, status: string, fields: SuggestionField[], left: SuggestionSide, right: SuggestionSide,
 *   borrowerRef: string | null, createdAt: string, decidedBy: string | null, note: string | null
 * }} Suggestion
 * @typedef {'' | 'address' | 'person'} KindFilter
 * @typedef {{ items: Suggestion[], nextCursor: string | null }} Page
 * @typedef {(query: { kind: KindFilter, limit: number, after: string | null }) => Promise<Page>} LoadPage
 * @typedef {{
 *   id: string, kind: string, decision: 'accept' | 'reject',
 *   save: import('./review-saver.js').SaveHandle | null,
 *   undone: boolean
 * }} DecisionEntry
 * @typedef {{ changed(): void, loadFailed(error: unknown): void }} QueueListener
 */

const PAGE_SIZE = 50;
/** The first page is smaller so the first suggestion shows sooner. */
const FIRST_PAGE_SIZE = 20;
/** Fetch the next page in the background when fewer than this many are left in the buffer. */
const REFILL_BELOW = 10;

export class ReviewQueue {
  /**
   * @param {LoadPage} loadPage
   * @param {QueueListener} listener told when a page load changed what there is (or failed)
   */
  constructor(loadPage, listener) {
    this.loadPage = loadPage;
    this.listener = listener;
    /** @type {KindFilter} */
    this.kind = '';
    /** @type {Suggestion[]} loaded, not yet shown */
    this.buffer = [];
    /** @type {Suggestion | null} */
    this.current = null;
    /** @type {string | null} */
    this.cursor = null;
    this.exhausted = false;
    /** @type {Promise<void> | null} */
    this.loading = null;
    /** @type {unknown} the last page load's error, shown when nothing else is */
    this.loadError = null;
    /** Bumped when the buffer restarts: answers for an older generation are dropped. */
    this.generation = 0;
    /** @type {Set<string>} skipped in this visit (not shown again) */
    this.skipped = new Set();
    /** @type {Set<string>} decided in this visit (saved or being saved) and not undone */
    this.decided = new Set();
    /** @type {DecisionEntry[]} this visit's decisions that can still be undone, last on top */
    this.history = [];
    /** @type {Map<string, Suggestion>} the decided suggestions in `history`, to show again on undo or a failed save */
    this.kept = new Map();
    this.closed = false;
  }

  /** Loads the next page when the buffer runs low; shows the first suggestion once one is there. */
  fill() {
    if (this.closed || this.loading || this.exhausted || this.buffer.length >= REFILL_BELOW) return this.loading ?? Promise.resolve();
    const generation = this.generation;
    const load = async () => {
      try {
        const page = await this.loadPage({ kind: this.kind, limit: this.cursor ? PAGE_SIZE : FIRST_PAGE_SIZE, after: this.cursor });
        if (generation !== this.generation) return;
        this.loadError = null;
        this.cursor = page.nextCursor;
        this.exhausted = !page.nextCursor;
        const known = new Set(this.buffer.map((item) => item.id));
        if (this.current) known.add(this.current.id);
        for (const item of page.items) {
          if (item.status !== 'pending' || known.has(item.id) || this.skipped.has(item.id) || this.decided.has(item.id)) continue;
          known.add(item.id);
          this.buffer.push(item);
        }
      } catch (error) {
        if (generation !== this.generation) return;
        this.loadError = error;
        this.listener.loadFailed(error);
      } finally {
        if (generation === this.generation) this.loading = null;
      }
      if (generation !== this.generation) return;
      if (!this.current) this.advance();
      // A page of only skipped or already-seen ones: keep going.
      else if (this.buffer.length < REFILL_BELOW && !this.exhausted && !this.loadError) void this.fill();
      this.listener.changed();
    };
    this.loading = load();
    return this.loading;
  }

  /** The next suggestion from the buffer becomes the current one (null while a page is still loading). */
  advance() {
    this.current = this.buffer.shift() ?? null;
    if (!this.current && !this.exhausted && !this.loadError) void this.fill();
    else if (this.buffer.length < REFILL_BELOW) void this.fill();
  }

  /** @param {KindFilter} [kind] starts over (with another kind), keeping what was skipped and decided */
  restart(kind = this.kind) {
    this.kind = kind;
    this.generation += 1;
    this.buffer = [];
    this.current = null;
    this.cursor = null;
    this.exhausted = false;
    this.loading = null;
    this.loadError = null;
    void this.fill();
  }

  /** After a failed page load: try the same page again. */
  retry() {
    this.loadError = null;
    void this.fill();
  }

  /** Skipped ones are shown again: load from the start. */
  unskipAll() {
    this.skipped.clear();
    this.restart();
  }

  /** @returns {boolean} whether there was one to skip */
  skip() {
    if (!this.current) return false;
    this.skipped.add(this.current.id);
    this.advance();
    return true;
  }

  /**
   * The current suggestion is decided: it goes on the decision stack and the next one is current.
   * @param {'accept' | 'reject'} decision
   * @returns {DecisionEntry | null}
   */
  decideCurrent(decision) {
    const suggestion = this.current;
    if (!suggestion) return null;
    const entry = this.record(suggestion, decision);
    this.advance();
    return entry;
  }

  /**
   * Several loaded suggestions decided at once (bulk accept): out of the buffer (and off the screen).
   * @param {Suggestion[]} suggestions
   * @param {'accept' | 'reject'} decision
   * @returns {DecisionEntry[]}
   */
  decideMany(suggestions, decision) {
    const entries = suggestions.filter((suggestion) => !this.decided.has(suggestion.id)).map((suggestion) => this.record(suggestion, decision));
    const ids = new Set(entries.map((entry) => entry.id));
    this.buffer = this.buffer.filter((item) => !ids.has(item.id));
    if (this.current && ids.has(this.current.id)) this.advance();
    return entries;
  }

  /**
   * @param {Suggestion} suggestion
   * @param {'accept' | 'reject'} decision
   * @returns {DecisionEntry}
   */
  record(suggestion, decision) {
    /** @type {DecisionEntry} */
    const entry = { id: suggestion.id, kind: suggestion.kind, decision, save: null, undone: false };
    this.decided.add(suggestion.id);
    this.history.push(entry);
    this.kept.set(suggestion.id, suggestion);
    return entry;
  }

  /**
   * Takes the last decision back locally: its suggestion is current again (pending), the one that was on
   * screen goes back to the front of the buffer.
   * @returns {DecisionEntry | undefined}
   */
  undoLast() {
    const entry = this.history.pop();
    if (!entry) return undefined;
    entry.undone = true;
    this.decided.delete(entry.id);
    const suggestion = this.kept.get(entry.id);
    this.kept.delete(entry.id);
    this.buffer = this.buffer.filter((item) => item.id !== entry.id);
    if (suggestion) {
      if (this.current && this.current.id !== entry.id) this.buffer.unshift(this.current);
      this.current = { ...suggestion, status: 'pending' };
    }
    return entry;
  }

  /**
   * A decision that could not be saved: the suggestion is pending, off the stack, and back at the front
   * (on screen when nothing is; otherwise next, so what the operator is looking at does not change).
   * @param {DecisionEntry} entry
   * @returns {boolean} whether the current suggestion changed
   */
  putBack(entry) {
    const suggestion = this.kept.get(entry.id);
    this.drop(entry);
    this.decided.delete(entry.id);
    if (!suggestion || this.closed || this.current?.id === entry.id || this.buffer.some((item) => item.id === entry.id)) return false;
    if (this.current) {
      this.buffer.unshift(suggestion);
      return false;
    }
    this.current = suggestion;
    return true;
  }

  /**
   * A decision that stands but can no longer be undone from here (someone else decided it): off the stack.
   * @param {DecisionEntry} entry
   */
  drop(entry) {
    const index = this.history.indexOf(entry);
    if (index >= 0) this.history.splice(index, 1);
    this.kept.delete(entry.id);
  }

  /**
   * An undo that did not go through: the suggestion is decided after all, so it leaves the screen and the
   * buffer; with `undoable` its entry goes back on the stack.
   * @param {DecisionEntry} entry
   * @param {boolean} undoable
   * @returns {boolean} whether the current suggestion changed
   */
  redo(entry, undoable) {
    if (this.closed) return false;
    const shown = this.current?.id === entry.id ? this.current : this.buffer.find((item) => item.id === entry.id);
    this.decided.add(entry.id);
    this.buffer = this.buffer.filter((item) => item.id !== entry.id);
    if (undoable && shown) {
      entry.undone = false;
      this.history.push(entry);
      this.kept.set(entry.id, shown);
    }
    if (this.current?.id !== entry.id) return false;
    this.advance();
    return true;
  }

  /** The loaded suggestions, the current one first (for bulk accept). */
  loaded() {
    return [...(this.current ? [this.current] : []), ...this.buffer];
  }

  /** Leaving the screen: everything loaded goes, and answers still coming are dropped. */
  clear() {
    this.closed = true;
    this.generation += 1;
    this.buffer = [];
    this.current = null;
    this.history = [];
    this.kept.clear();
    this.skipped.clear();
    this.decided.clear();
  }
}
