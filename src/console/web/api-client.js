// @ts-check
/**
 * The console talks to the service's own REST API with the session cookie, sending the CSRF token
 * with every change. A 401 means the session ended: the app shows the sign-in screen.
 */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {unknown} body
   */
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export class ApiClient {
  /** @param {() => void} onSignedOut called when an answer says the session is over */
  constructor(onSignedOut) {
    /** @type {string | null} */
    this.csrfToken = null;
    this.onSignedOut = onSignedOut;
  }

  /**
   * @param {string} path e.g. /v1/match-suggestions
   * @param {Record<string, string | number | boolean | undefined | null>} [query]
   */
  get(path, query) {
    return this.request('GET', path, undefined, query);
  }

  /**
   * @param {string} path
   * @param {unknown} [body]
   */
  post(path, body) {
    return this.request('POST', path, body ?? {});
  }

  /** @param {string} path */
  delete(path) {
    return this.request('DELETE', path);
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @param {Record<string, string | number | boolean | undefined | null>} [query]
   * @returns {Promise<any>}
   */
  async request(method, path, body, query) {
    const url = new URL(path, window.location.origin);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (response.status === 401 && !path.startsWith('/v1/session')) this.onSignedOut();
    if (!response.ok) {
      const message = parsed && typeof parsed === 'object' && 'message' in parsed ? String(/** @type {any} */ (parsed).message) : `${response.status} ${response.statusText}`;
      throw new ApiError(response.status, message, parsed);
    }
    return parsed;
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
