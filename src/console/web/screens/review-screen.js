// @ts-check
/**
 * The review queue: one match suggestion at a time, the two sides next to each other, decided with a
 * key press. A decision shows the next suggestion at once and is saved in the background, in order
 * (review/review-saver.js); the progress line says how many saves are still going, and a save that
 * fails is reported (and, unless someone else decided the suggestion, it comes back at the front).
 * Everything shown is what the API gives (masked); it lives in this screen's memory only and is dropped
 * when the operator leaves it (saves still going finish on their own, holding ids only).
 *
 * Parts under review/: review-queue.js (the buffer and the decision stack, no DOM), review-saver.js
 * (the saves, in order), suggestion-view.js (one suggestion), review-controls.js (heading, buttons,
 * help), review-counters.js (the progress numbers), bulk-dialog.js (choosing for bulk accept) and
 * review-strings.js (the words).
 */
import { ApiError } from '../api-client.js';
import { askForText, clear, confirmAction, h } from '../dom.js';
import { translator } from '../i18n.js';
import { chooseForBulk } from './review/bulk-dialog.js';
import { reviewControls, setDisabled } from './review/review-controls.js';
import { ReviewCounters } from './review/review-counters.js';
import { ReviewQueue } from './review/review-queue.js';
import { DecisionSaver } from './review/review-saver.js';
import { messageOf, STRINGS } from './review/review-strings.js';
import { SuggestionView } from './review/suggestion-view.js';

/** @typedef {import('../console-types.js').Screen} Screen */
/** @typedef {import('../console-types.js').ScreenContext} ScreenContext */
/** @typedef {import('./review/review-queue.js').Suggestion} Suggestion */
/** @typedef {import('./review/review-queue.js').DecisionEntry} DecisionEntry */
/** @typedef {import('./review/review-saver.js').SaveResult} SaveResult */

/** How often the counters are read again from the server (they are adjusted locally in between). */
const SUMMARY_REFRESH_MS = 120_000;

/** @type {Screen} */
export const reviewScreen = {
  path: '/console/review',
  roles: ['operator', 'admin'],
  title: { zh: '审核队列', en: 'Review queue' },
  render(root, context) {
    new ReviewScreen(root, context).start();
  },
};

class ReviewScreen {
  /**
   * @param {HTMLElement} root
   * @param {ScreenContext} context
   */
  constructor(root, context) {
    this.root = root;
    this.context = context;
    this.t = translator(STRINGS, context.language);
    this.view = new SuggestionView(this.t, context.language);
    /** @type {string | null} the reason given for showing full values; null while masked */
    this.unmaskReason = null;
    this.queue = new ReviewQueue((query) => context.api.get('/v1/match-suggestions', { status: 'pending', ...query, ...this.unmaskQuery() }), {
      changed: () => this.refresh(),
      loadFailed: (error) => {
        if (error instanceof ApiError && error.status === 401) return;
        if (this.queue.current) this.context.notify(this.loadErrorText(), 'error');
      },
    });
    this.saver = new DecisionSaver(context.api, () => this.savesChanged());
    this.counters = new ReviewCounters(context.api);
    /** The counters are read again once the saves still going are done (until then the server's are behind). */
    this.summaryWanted = false;
    this.left = false;
    /** @type {Suggestion | null} the suggestion the stage shows */
    this.rendered = null;
    /** @type {ReturnType<typeof setInterval> | undefined} */
    this.summaryTimer = undefined;

    this.controls = reviewControls(this.t, {
      changeKind: () => this.changeKind(),
      accept: () => this.decide('accept'),
      reject: () => this.decide('reject'),
      skip: () => this.skip(),
      undo: () => this.undo(),
      bulk: () => void this.openBulk(),
      toggleHelp: () => this.toggleHelp(),
      toggleDetails: () => void this.toggleDetails(),
    });
    this.stage = h('div', { class: 'review-stage', tabindex: -1 });
  }

  start() {
    clear(this.root);
    this.root.append(this.controls.head, this.controls.toolbar, this.controls.helpPanel, this.stage);
    this.context.onKey((event) => this.onKey(event));
    this.context.onLeave(() => this.leave());
    void this.queue.fill();
    this.refresh();
    this.renderProgress();
    void this.refreshSummary();
    this.summaryTimer = setInterval(() => void this.refreshSummary(), SUMMARY_REFRESH_MS);
  }

  leave() {
    this.left = true;
    clearInterval(this.summaryTimer);
    // Saves still going finish (they hold ids and decisions only); nothing loaded stays in memory.
    this.saver.detach();
    this.queue.clear();
    this.rendered = null;
    clear(this.stage);
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    // Holding a key down decides one suggestion, not the ones behind it.
    if (event.repeat) return;
    switch (event.key) {
      case 'a':
      case 'A':
        event.preventDefault();
        if (event.shiftKey) void this.decideWithNote('accept');
        else this.decide('accept');
        break;
      case 'r':
      case 'R':
        event.preventDefault();
        if (event.shiftKey) void this.decideWithNote('reject');
        else this.decide('reject');
        break;
      case 's':
      case 'S':
        event.preventDefault();
        this.skip();
        break;
      case 'u':
      case 'U':
        event.preventDefault();
        this.undo();
        break;
      case '?':
        event.preventDefault();
        this.toggleHelp();
        break;
      default:
    }
  }

  toggleHelp() {
    const { helpPanel, helpButton } = this.controls;
    const show = helpPanel.hidden;
    helpPanel.hidden = !show;
    helpButton.setAttribute('aria-expanded', String(show));
  }

  /** Query parameters that unmask the pages loaded from now on (audited with the reason), or none. */
  unmaskQuery() {
    return this.unmaskReason ? { unmask: 'true', reason: this.unmaskReason } : {};
  }

  /**
   * Full estate names, buildings and names decide most pairs: asked for once with a reason, which the
   * API audits with every page; the queue is loaded again either way, so what is shown matches the choice.
   */
  async toggleDetails() {
    if (this.unmaskReason) {
      this.unmaskReason = null;
    } else {
      const reason = await askForText({ title: this.t('detailsTitle'), label: this.t('detailsReason'), confirm: this.t('detailsConfirm'), cancel: this.t('detailsCancel'), minLength: 4 });
      if (this.left || !reason) return;
      this.unmaskReason = reason;
    }
    const { detailsButton, detailsMarker } = this.controls;
    detailsButton.textContent = this.t(this.unmaskReason ? 'hideDetails' : 'showDetails');
    detailsButton.setAttribute('aria-pressed', this.unmaskReason ? 'true' : 'false');
    detailsMarker.hidden = !this.unmaskReason;
    detailsMarker.textContent = this.unmaskReason ? this.t('detailsShown', { reason: this.unmaskReason }) : '';
    this.rendered = null;
    this.queue.restart();
  }

  changeKind() {
    const value = this.controls.kindSelect.value;
    this.queue.restart(value === 'address' || value === 'person' ? value : '');
    this.refresh();
    this.renderProgress();
    // Back to the keys: the select would otherwise keep them.
    this.stage.focus();
  }

  // ---- Decisions: shown at once, saved in the background ----

  /**
   * @param {'accept' | 'reject'} decision
   * @param {string} [note]
   */
  decide(decision, note) {
    const entry = this.queue.decideCurrent(decision);
    if (!entry) return;
    this.refresh();
    entry.save = this.saver.enqueue({ type: 'decide', id: entry.id, decision, note });
    this.adjustCounts(entry.kind, -1, +1);
    this.context.notify(this.t(decision === 'accept' ? 'accepted' : 'rejected'));
    void entry.save.done.then((result) => this.saved(entry, result, false));
  }

  /**
   * The same decision with a note (why), asked for in a dialog; cancelling decides nothing.
   * @param {'accept' | 'reject'} decision
   */
  async decideWithNote(decision) {
    const suggestion = this.queue.current;
    if (!suggestion) return;
    const t = this.t;
    const note = await askForText({ title: t(decision === 'accept' ? 'noteAcceptTitle' : 'noteRejectTitle'), label: t('noteLabel'), confirm: t(decision), cancel: t('cancel'), required: false });
    if (note === null || this.left || this.queue.current !== suggestion) return;
    this.decide(decision, note || undefined);
  }

  /**
   * A decision's save is answered. Saved: nothing to do (the screen moved on). Someone else decided it
   * first (409) or it is gone (404): reported, and it cannot be undone from here. Anything else (the
   * network, the service): reported, and the suggestion is pending again at the front of the queue.
   * @param {DecisionEntry} entry
   * @param {SaveResult} result
   * @param {boolean} quiet in a bulk accept (which reports once at the end)
   * @returns {'saved' | 'gone' | 'failed' | 'other'}
   */
  saved(entry, result, quiet) {
    if (result.status !== 'failed') return result.status === 'saved' ? 'saved' : 'other';
    const error = result.error;
    if (this.left || (error instanceof ApiError && error.status === 401)) return 'failed';
    if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
      if (!entry.undone) {
        this.queue.drop(entry);
        this.adjustCounts(entry.kind, 0, -1);
      }
      if (!quiet) this.context.notify(this.t('alreadyDecided', { message: error.message }), 'error');
      this.refresh();
      return 'gone';
    }
    if (!entry.undone) {
      this.queue.putBack(entry);
      this.adjustCounts(entry.kind, +1, -1);
    }
    if (!quiet) this.context.notify(this.t('saveFailedBack', { message: messageOf(error, this.t) }), 'error');
    this.refresh();
    return 'failed';
  }

  skip() {
    if (!this.queue.skip()) return;
    this.refresh();
    this.renderProgress();
    this.context.notify(this.t('skipped'));
  }

  /**
   * Takes the last decision of this visit back: its suggestion is on screen again at once. A decision not
   * sent yet is simply not sent; one being saved is undone on the service once its save is answered.
   */
  undo() {
    const entry = this.queue.undoLast();
    if (!entry) {
      this.context.notify(this.t('nothingToUndo'));
      return;
    }
    this.refresh();
    this.adjustCounts(entry.kind, +1, -1);
    this.context.notify(this.t('undone'));
    if (this.saver.cancel(entry.save)) return;
    const undoing = this.saver.enqueue({ type: 'undo', id: entry.id, after: entry.save });
    void undoing.done.then((result) => {
      if (result.status !== 'failed' || this.left) return;
      const error = result.error;
      if (error instanceof ApiError && error.status === 401) return;
      // Not undone: the suggestion stays decided, so it leaves the screen again.
      const refused = error instanceof ApiError && (error.status === 409 || error.status === 404 || error.status === 403);
      this.queue.redo(entry, !refused);
      this.adjustCounts(entry.kind, -1, +1);
      this.refresh();
      this.context.notify(refused ? this.t('cannotUndo', { message: error.message }) : messageOf(error, this.t, 'failed'), 'error');
    });
  }

  savesChanged() {
    if (this.left) return;
    const pending = this.saver.pending;
    this.controls.savingText.textContent = pending > 0 ? ` · ${this.t('saving', { count: pending })}` : '';
    this.updateButtons();
    if (pending === 0 && this.summaryWanted) void this.refreshSummary();
  }

  updateButtons() {
    const { acceptButton, rejectButton, skipButton, undoButton } = this.controls;
    const none = !this.queue.current;
    for (const button of [acceptButton, rejectButton, skipButton]) setDisabled(button, none);
    setDisabled(undoButton, this.queue.history.length === 0);
  }

  // ---- Bulk accept ----

  async openBulk() {
    const t = this.t;
    const loaded = this.queue.loaded();
    if (loaded.length === 0) {
      this.context.notify(t('bulkNothing'));
      return;
    }
    const chosen = await chooseForBulk(loaded, t, this.view);
    if (chosen.length === 0 || this.left) return;
    const confirmed = await confirmAction({
      title: t('bulkConfirmTitle', { count: chosen.length }),
      message: t('bulkConfirmMessage'),
      confirm: t('bulkConfirm', { count: chosen.length }),
      cancel: t('cancel'),
    });
    if (!confirmed || this.left) return;
    const entries = this.queue.decideMany(chosen, 'accept');
    this.refresh();
    let answered = 0;
    let accepted = 0;
    const saves = entries.map(async (entry) => {
      entry.save = this.saver.enqueue({ type: 'decide', id: entry.id, decision: 'accept' });
      this.adjustCounts(entry.kind, -1, +1);
      const outcome = this.saved(entry, await entry.save.done, true);
      answered += 1;
      if (outcome === 'saved') accepted += 1;
      if (!this.left && answered < entries.length) this.context.notify(t('bulkRunning', { done: answered + 1, count: entries.length }));
    });
    if (entries.length > 0) this.context.notify(t('bulkRunning', { done: 1, count: entries.length }));
    await Promise.all(saves);
    const failed = entries.length - accepted;
    if (!this.left) this.context.notify(t('bulkDone', { accepted, failed }), failed > 0 ? 'error' : 'info');
  }

  // ---- Counters ----

  async refreshSummary() {
    // The service's counts do not have the decisions still being saved: read them once those are done.
    this.summaryWanted = this.saver.pending > 0;
    if (this.summaryWanted) return;
    try {
      const summary = await this.counters.read();
      if (this.left) return;
      this.summaryWanted = this.saver.pending > 0;
      if (this.summaryWanted) return;
      this.counters.set(summary);
      this.renderProgress();
    } catch (error) {
      if (this.left || (error instanceof ApiError && error.status === 401)) return;
      if (!this.counters.summary) this.controls.progress.title = this.t('summaryFailed', { message: messageOf(error, this.t) });
    }
  }

  /**
   * @param {string} kind
   * @param {number} pending
   * @param {number} decided
   */
  adjustCounts(kind, pending, decided) {
    this.counters.adjust(kind, pending, decided);
    this.renderProgress();
  }

  renderProgress() {
    this.controls.progressText.textContent = this.counters.text(this.t, this.queue.kind, this.queue.skipped.size);
  }

  // ---- The stage ----

  /** Shows what the queue has now: the stage is redrawn only when the suggestion to show changed. */
  refresh() {
    if (this.left) return;
    const current = this.queue.current;
    if (!current || current !== this.rendered) this.renderStage();
    this.updateButtons();
  }

  renderStage() {
    const t = this.t;
    const queue = this.queue;
    clear(this.stage);
    this.rendered = queue.current;
    if (queue.current) {
      this.stage.append(this.view.renderSuggestion(queue.current));
      return;
    }
    if (queue.loading) {
      this.stage.append(h('p', { class: 'muted review-loading', 'aria-busy': 'true' }, t('loading')));
      return;
    }
    if (queue.loadError) {
      this.stage.append(h('p', { class: 'notice error', role: 'alert' }, this.loadErrorText(), ' ', h('button', { type: 'button', onclick: () => this.retry() }, t('retry'))));
      return;
    }
    const skipped = queue.skipped.size;
    this.stage.append(
      h(
        'div',
        { class: 'notice review-empty', 'data-testid': 'queue-empty' },
        h('p', {}, t('empty')),
        skipped > 0 ? h('p', { class: 'muted' }, t('emptySkipped', { count: skipped })) : null,
        h(
          'p',
          {},
          h('button', { type: 'button', onclick: () => this.restart() }, t('reload')),
          ' ',
          skipped > 0 ? h('button', { type: 'button', onclick: () => this.showSkipped() }, t('showSkipped')) : null,
        ),
      ),
    );
  }

  loadErrorText() {
    return this.t('loadFailed', { message: messageOf(this.queue.loadError, this.t) });
  }

  restart() {
    this.queue.restart();
    this.refresh();
  }

  retry() {
    this.queue.retry();
    this.refresh();
  }

  showSkipped() {
    this.queue.unskipAll();
    this.renderProgress();
    this.refresh();
  }
}
