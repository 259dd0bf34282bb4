// @ts-check
/**
 * Saves the review screen's decisions and undos in the background, in the order they were made, one at
 * a time: the screen has moved on already, and a later undo of the same suggestion must reach the
 * service after its decision. Each save is a handle whose `done` resolves (never rejects) with what
 * happened.
 *
 * Requests are `keepalive` fetches with the session cookie, so a save already sent still reaches the
 * service when the tab closes; on `pagehide` the saves not yet sent go out at once. Leaving the screen
 * (`detach`) keeps the saves going but stops telling the screen about them.
 */
import { ApiClient, ApiError } from '../../api-client.js';

/**
 * @typedef {{ type: 'decide', id: string, decision: 'accept' | 'reject', note?: string }
 *   | { type: 'undo', id: string, after: SaveHandle | null }} SaveOp
 *   An undo `after` a decision still being saved is sent only once that decision was saved.
 * @typedef {{ status: 'saved', answer: unknown } | { status: 'failed', error: unknown } | { status: 'cancelled' } | { status: 'skipped' }} SaveResult
 * @typedef {{ op: SaveOp, state: 'queued' | 'sending' | 'done', result: SaveResult | null, done: Promise<SaveResult> }} SaveHandle
 */

export class DecisionSaver {
  /**
   * @param {ApiClient} api for its CSRF token and the sign-in screen on a 401
   * @param {() => void} onChange told when the number of saves still to do changes
   */
  constructor(api, onChange) {
    this.api = api;
    this.onChange = onChange;
    /** @type {{ handle: SaveHandle, settle: (result: SaveResult) => void }[]} saves not yet sent, in order */
    this.queue = [];
    /** @type {SaveHandle | null} */
    this.sending = null;
    this.detached = false;
    this.onPageHide = () => this.sendAllNow();
    window.addEventListener('pagehide', this.onPageHide);
  }

  /** Saves sent and not answered, and saves waiting to be sent. */
  get pending() {
    return this.queue.length + (this.sending ? 1 : 0);
  }

  /**
   * @param {SaveOp} op
   * @returns {SaveHandle}
   */
  enqueue(op) {
    /** @type {(result: SaveResult) => void} */
    let settle = () => undefined;
    /** @type {SaveHandle} */
    const handle = { op, state: 'queued', result: null, done: new Promise((resolve) => (settle = resolve)) };
    this.queue.push({ handle, settle });
    this.changed();
    void this.run();
    return handle;
  }

  /**
   * Takes back a save that has not been sent yet (undo before it went out: nothing to tell the service).
   * @param {SaveHandle | null} handle
   * @returns {boolean} whether it was still waiting (and is now cancelled)
   */
  cancel(handle) {
    const index = this.queue.findIndex((item) => item.handle === handle);
    if (index < 0) return false;
    const [item] = this.queue.splice(index, 1);
    this.finish(item, { status: 'cancelled' });
    this.changed();
    return true;
  }

  /** Leaving the screen: the saves go on (the operator decided), the screen is no longer told. */
  detach() {
    this.onChange = () => undefined;
    this.detached = true;
    if (this.pending === 0) window.removeEventListener('pagehide', this.onPageHide);
  }

  async run() {
    if (this.sending) return;
    while (this.queue.length > 0) {
      const item = /** @type {{ handle: SaveHandle, settle: (result: SaveResult) => void }} */ (this.queue.shift());
      const { handle } = item;
      if (handle.op.type === 'undo' && handle.op.after && handle.op.after.result?.status !== 'saved') {
        // The decision it would take back was never stored.
        this.finish(item, { status: 'skipped' });
        continue;
      }
      handle.state = 'sending';
      this.sending = handle;
      this.changed();
      /** @type {SaveResult} */
      let result;
      try {
        result = { status: 'saved', answer: await this.send(handle.op, false) };
      } catch (error) {
        result = { status: 'failed', error };
      }
      this.sending = null;
      this.finish(item, result);
      this.changed();
    }
    if (this.detached && this.pending === 0) window.removeEventListener('pagehide', this.onPageHide);
  }

  /**
   * @param {{ handle: SaveHandle, settle: (result: SaveResult) => void }} item
   * @param {SaveResult} result
   */
  finish(item, result) {
    item.handle.state = 'done';
    item.handle.result = result;
    item.settle(result);
  }

  /** The page goes away: whatever is still waiting is sent now, all at once (keepalive outlives the page). */
  sendAllNow() {
    for (const item of this.queue.splice(0)) {
      item.handle.state = 'sending';
      this.send(item.handle.op, true).then(
        (answer) => this.finish(item, { status: 'saved', answer }),
        (error) => this.finish(item, { status: 'failed', error }),
      );
    }
  }

  /**
   * @param {SaveOp} op
   * @param {boolean} unloading
   * @returns {Promise<unknown>}
   */
  async send(op, unloading) {
    const path = `/v1/match-suggestions/${encodeURIComponent(op.id)}/${op.type === 'decide' ? 'decision' : 'undo'}`;
    const body = op.type === 'decide' ? (op.note ? { decision: op.decision, note: op.note } : { decision: op.decision }) : {};
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (this.api.csrfToken) headers['X-CSRF-Token'] = this.api.csrfToken;
    const response = await fetch(new URL(path, window.location.origin), { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin', cache: 'no-store', keepalive: true });
    if (unloading) return undefined;
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (response.status === 401) this.api.onSignedOut();
    if (!response.ok) {
      const message = parsed && typeof parsed === 'object' && 'message' in parsed ? String(/** @type {{ message: unknown }} */ (parsed).message) : `${response.status} ${response.statusText}`;
      throw new ApiError(response.status, message, parsed);
    }
    return parsed;
  }

  changed() {
    this.onChange();
  }
}

/** @param {string} text */
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
