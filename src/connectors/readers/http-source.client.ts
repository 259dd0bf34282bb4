import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Pool } from 'undici';
import type { z } from 'zod';
import type { HttpSettings } from '../connector-definition.js';
import { backoffMilliseconds, describeShapeError, type FeedPage, feedPageSchema, retryAfterMilliseconds, TokenBucket } from './http-source-contract.js';

/**
 * The HTTP client every `http` connector speaks through: one per connector run (or per repair run),
 * one connection pool to the source's origin, one token bucket shared by all its calls.
 *
 * - Timeouts (connect, response headers, body idle), connection errors, 408, 429 and 500/502/503/504
 *   are retried up to `maxTries` tries in all, with capped exponential backoff and jitter; a 429 or 503
 *   with `Retry-After` (seconds or HTTP-date) waits what the source asked, capped at
 *   `maxDelayMilliseconds`, and pauses every call of this client, not only the one that was refused.
 * - Any other status (404 aside, which the caller may accept), a redirect, a certificate or protocol
 *   error is not retried.
 * - Once the tries are spent, or on a response that breaks the contract (not JSON, wrong shape, too
 *   large), it throws {@link HttpSourceError}, so the run that called it fails visibly.
 * - The bearer token is kept in a private field and only ever written into the Authorization header:
 *   it is never logged and never part of an error.
 */

export const DEFAULT_MAX_TRIES = 5;
export const DEFAULT_MAX_DELAY_MILLISECONDS = 30_000;
export const DEFAULT_BASE_DELAY_MILLISECONDS = 500;
export const DEFAULT_TIMEOUT_MILLISECONDS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
export const DEFAULT_RATE_PER_SECOND = 5;

export interface HttpSourceClientOptions {
  /** http:// or https:// URL; may carry a path prefix (`https://bureau.example/api/v2`). No credentials in it. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  /** Requests per second across all calls of this client, retries included (default 5). */
  ratePerSecond?: number;
  /** Requests that may go out back to back before the rate applies (default 1). */
  burst?: number;
  /** Tries in all, the first included (default 5). */
  maxTries?: number;
  /** First backoff step; doubles with each retry (default 500). */
  baseDelayMilliseconds?: number;
  /** Cap of any wait between tries, Retry-After included (default 30,000). */
  maxDelayMilliseconds?: number;
  /** Connect timeout, response-headers timeout and body idle timeout, each (default 10,000). */
  timeoutMilliseconds?: number;
  /** Largest response body accepted (default 20 MiB). */
  maxBodyBytes?: number;
  /** Connections kept to the origin (default 4). */
  connections?: number;
  /** Where retries are reported (default: Nest Logger 'HttpSourceClient'). Never given the token. */
  logger?: { warn(message: string): void };
}

export type HttpSourceFailure =
  | 'timeout' //            connect, headers or body timed out
  | 'connection' //         refused, reset, DNS, TLS, socket closed
  | 'status' //             an HTTP status that is an error (retried or not)
  | 'invalid_response' //   not JSON, or JSON not of the contract's shape
  | 'too_large'; //         body over maxBodyBytes

/** A call to an external source that failed for good. `tries` counts the requests sent. */
export class HttpSourceError extends Error {
  override readonly name = 'HttpSourceError';
  readonly status?: number;
  readonly tries: number;
  readonly reason: string;
  readonly failure: HttpSourceFailure;

  constructor(input: { failure: HttpSourceFailure; reason: string; tries: number; status?: number; request?: string }) {
    const where = input.request ? `${input.request}: ` : '';
    super(`${where}${input.reason} (${input.tries} ${input.tries === 1 ? 'try' : 'tries'})`);
    this.failure = input.failure;
    this.reason = input.reason;
    this.tries = input.tries;
    if (input.status !== undefined) this.status = input.status;
  }

  toJSON(): { name: string; message: string; status?: number; tries: number; reason: string; failure: HttpSourceFailure } {
    return { name: this.name, message: this.message, status: this.status, tries: this.tries, reason: this.reason, failure: this.failure };
  }
}

export interface HttpSourceRequest<T> {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with '/'. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  json?: unknown;
  /** Shape a 2xx body must have. */
  schema: z.ZodType<T>;
  /** 404 answers `{ status: 404, body: null }` instead of throwing (not retried either way). */
  acceptNotFound?: boolean;
  signal?: AbortSignal;
}

export interface HttpSourceResponse<T> {
  status: number;
  /** null only for an accepted 404. */
  body: T | null;
  tries: number;
  /** From the first try to the body read, waits included. */
  durationMilliseconds: number;
}


const RETRIED_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const CONNECTION_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

interface Attempt<T> {
  outcome: 'done' | 'retry' | 'fail';
  status?: number;
  body?: T | null;
  failure?: HttpSourceFailure;
  reason?: string;
  /** A wait the source asked for (Retry-After). */
  retryAfter?: number;
}

export class HttpSourceClient {
  private readonly logger: { warn(message: string): void };
  private readonly pool: Pool;
  private readonly origin: string;
  private readonly pathPrefix: string;
  /** The source's host, for messages: never credentials, never the token. */
  readonly host: string;
  readonly maxTries: number;
  private readonly baseDelay: number;
  private readonly maxDelay: number;
  private readonly maxBodyBytes: number;
  private readonly timeout: number;
  private readonly bucket: TokenBucket;
  readonly #authorization: string | undefined;

  constructor(options: HttpSourceClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError('baseUrl must be an absolute http:// or https:// URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('baseUrl must be an http:// or https:// URL');
    if (url.username || url.password) throw new TypeError('baseUrl must not carry credentials: configure a token instead');
    if (url.search || url.hash) throw new TypeError('baseUrl must not carry a query or a fragment');
    this.origin = url.origin;
    this.host = url.host;
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.#authorization = options.token ? `Bearer ${options.token}` : undefined;

    this.maxTries = positiveInteger(options.maxTries ?? DEFAULT_MAX_TRIES, 'maxTries');
    this.baseDelay = nonNegative(options.baseDelayMilliseconds ?? DEFAULT_BASE_DELAY_MILLISECONDS, 'baseDelayMilliseconds');
    this.maxDelay = nonNegative(options.maxDelayMilliseconds ?? DEFAULT_MAX_DELAY_MILLISECONDS, 'maxDelayMilliseconds');
    this.maxBodyBytes = positiveInteger(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
    const timeout = positiveInteger(options.timeoutMilliseconds ?? DEFAULT_TIMEOUT_MILLISECONDS, 'timeoutMilliseconds');
    this.timeout = timeout;
    this.bucket = new TokenBucket(options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND, options.burst ?? 1);
    this.logger = options.logger ?? new Logger(HttpSourceClient.name);
    this.pool = new Pool(this.origin, {
      connections: positiveInteger(options.connections ?? 4, 'connections'),
      connect: { timeout },
      headersTimeout: timeout,
      bodyTimeout: timeout,
      keepAliveTimeout: 4_000,
    });
  }

  /**
   * A client for a connector's `http` settings. `environment` is the validated configuration's view of
   * the environment (this module never reads process.env): `baseUrlEnv` must be set, `tokenEnv` when named.
   */
  static fromSettings(
    settings: Pick<HttpSettings, 'baseUrlEnv' | 'tokenEnv' | 'ratePerSecond'>,
    environment: Readonly<Record<string, string | undefined>>,
    options: Omit<HttpSourceClientOptions, 'baseUrl' | 'token' | 'ratePerSecond'> = {},
  ): HttpSourceClient {
    const baseUrl = environment[settings.baseUrlEnv];
    if (!baseUrl) throw new TypeError(`environment variable ${settings.baseUrlEnv} (the source's base URL) is not set`);
    let token: string | undefined;
    if (settings.tokenEnv) {
      token = environment[settings.tokenEnv];
      if (!token) throw new TypeError(`environment variable ${settings.tokenEnv} (the source's token) is not set`);
    }
    return new HttpSourceClient({ ...options, baseUrl, token, ratePerSecond: settings.ratePerSecond });
  }

  /** One page of a feed: `GET {baseUrl}/records?limit=<n>[&cursor=<c>]`. */
  async feedPage(input: { cursor: string | null; limit: number; signal?: AbortSignal }): Promise<HttpSourceResponse<FeedPage> & { body: FeedPage }> {
    const response = await this.request({
      method: 'GET',
      path: '/records',
      query: { limit: input.limit, cursor: input.cursor ?? undefined },
      schema: feedPageSchema,
      signal: input.signal,
    });
    return response as HttpSourceResponse<FeedPage> & { body: FeedPage };
  }

  /** Sends one request, retrying as the class comment says, and returns the validated JSON body. */
  async request<T>(request: HttpSourceRequest<T>): Promise<HttpSourceResponse<T>> {
    const started = performance.now();
    const label = `${request.method} ${this.host}${this.pathPrefix}${request.path}`;
    const path = this.pathFor(request);
    let last: Attempt<T> = { outcome: 'fail', failure: 'connection', reason: 'not sent' };
    for (let tries = 1; tries <= this.maxTries; tries += 1) {
      request.signal?.throwIfAborted();
      await this.bucket.take(request.signal);
      last = await this.attempt(request, path);
      if (last.outcome === 'done') {
        return { status: last.status!, body: last.body ?? null, tries, durationMilliseconds: Math.round(performance.now() - started) };
      }
      if (last.outcome === 'fail' || tries === this.maxTries) {
        throw new HttpSourceError({ failure: last.failure!, reason: last.reason!, status: last.status, tries, request: label });
      }
      const wait =
        last.retryAfter !== undefined ? Math.min(last.retryAfter, this.maxDelay) : backoffMilliseconds(tries, this.baseDelay, this.maxDelay);
      if (last.retryAfter !== undefined) this.bucket.pause(wait);
      this.logger.warn(`${label}: ${last.reason}; try ${tries + 1} of ${this.maxTries} in ${wait} ms`);
      await sleep(wait, undefined, { signal: request.signal });
    }
    throw new HttpSourceError({ failure: last.failure!, reason: last.reason!, status: last.status, tries: this.maxTries, request: label });
  }

  /** Closes the connections; calls after this fail. */
  async close(): Promise<void> {
    if (!this.pool.closed) await this.pool.close();
  }

  private pathFor(request: Pick<HttpSourceRequest<unknown>, 'path' | 'query'>): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.set(name, String(value));
    const search = query.size > 0 ? `?${query.toString()}` : '';
    return `${this.pathPrefix}${request.path}${search}`;
  }

  private async attempt<T>(request: HttpSourceRequest<T>, path: string): Promise<Attempt<T>> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'contact-recovery-connector' };
    if (this.#authorization) headers.authorization = this.#authorization;
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    }
    // undici's own connect/headers timeouts run on a coarse (about one second) clock; this one holds
    // the whole wait for the response headers, connecting included, to timeoutMilliseconds.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.timeout);
    let response: Awaited<ReturnType<Pool['request']>>;
    try {
      const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
      response = await this.pool.request({ method: request.method, path, headers, body, signal });
    } catch (error) {
      if (deadline.signal.aborted && !request.signal?.aborted) {
        return { outcome: 'retry', failure: 'timeout', reason: `timed out (no response within ${this.timeout} ms)` };
      }
      return this.transportFailure(error, request.signal);
    } finally {
      clearTimeout(timer);
    }
    const status = response.statusCode;
    if (status < 200 || status >= 300) {
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      if (status === 404 && request.acceptNotFound) return { outcome: 'done', status, body: null };
      const retryAfter = status === 429 || status === 503 ? retryAfterMilliseconds(response.headers['retry-after']) : undefined;
      return {
        outcome: RETRIED_STATUSES.has(status) ? 'retry' : 'fail',
        failure: 'status',
        status,
        reason: `HTTP ${status}`,
        retryAfter,
      };
    }
    let text: string;
    try {
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
        discard(response.body);
        return this.tooLarge(status);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.maxBodyBytes) {
          discard(response.body);
          return this.tooLarge(status);
        }
        chunks.push(chunk);
      }
      text = Buffer.concat(chunks, size).toString('utf8');
    } catch (error) {
      return this.transportFailure(error, request.signal, status);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { outcome: 'fail', failure: 'invalid_response', status, reason: 'response is not JSON' };
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) return { outcome: 'fail', failure: 'invalid_response', status, reason: describeShapeError(parsed.error) };
    return { outcome: 'done', status, body: parsed.data };
  }

  private tooLarge<T>(status: number): Attempt<T> {
    return { outcome: 'fail', failure: 'too_large', status, reason: `response body over ${this.maxBodyBytes} bytes` };
  }

  private transportFailure<T>(error: unknown, signal: AbortSignal | undefined, status?: number): Attempt<T> {
    if (signal?.aborted) throw signal.reason ?? error;
    const code = errorCode(error);
    if (code && TIMEOUT_CODES.has(code)) return { outcome: 'retry', failure: 'timeout', status, reason: `timed out (${code})` };
    if (code && CONNECTION_CODES.has(code)) return { outcome: 'retry', failure: 'connection', status, reason: `connection failed (${code})` };
    if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') throw error;
    // Anything else (certificate, protocol errors) will not mend itself by asking again; named by its code only.
    return { outcome: 'fail', failure: 'connection', status, reason: `request failed (${code ?? (error instanceof Error ? error.name : 'error')})` };
  }
}

/** Drops a body not read to its end; the abort error it then emits has nobody else to go to. */
function discard(body: NodeJS.ReadableStream & { destroy(error?: Error): unknown }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be zero or more`);
  return value;
}
