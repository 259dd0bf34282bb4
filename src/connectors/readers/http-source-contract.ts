import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { ConnectorRow } from './connector-reader.js';

/**
 * The HTTP sources' contract and the pure parts of talking to them: the body shapes, the rate
 * limit, Retry-After and backoff. HttpSourceClient does the talking.
 */

/** One row of the contract: a JSON object. */
export const connectorRowSchema: z.ZodType<ConnectorRow> = z.record(z.string(), z.unknown());

/** `GET {baseUrl}/records?limit=<n>[&cursor=<c>]` → this. */
export const feedPageSchema = z.object({
  records: z.array(connectorRowSchema),
  nextCursor: z.string().min(1).max(4_096).nullable(),
});
export type FeedPage = z.output<typeof feedPageSchema>;

/** `POST {baseUrl}/inquiries` → this (404: nothing known). */
export const inquiryAnswerSchema = z.object({ records: z.array(connectorRowSchema) });
export type InquiryAnswer = z.output<typeof inquiryAnswerSchema>;

/**
 * Token bucket: `rate` tokens a second, at most `capacity` saved. A caller that finds no token takes
 * one on credit (the count goes negative) and waits until it is earned, so concurrent callers queue
 * in arrival order without a lock. `pauseUntil` holds every caller back (a source's Retry-After).
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;

  constructor(
    private readonly rate: number,
    private readonly capacity = 1,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(rate > 0)) throw new RangeError('ratePerSecond must be positive');
    if (!(capacity >= 1)) throw new RangeError('burst must be at least 1');
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Holds every later `take` until `milliseconds` from now (the longest pause asked wins). */
  pause(milliseconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + milliseconds);
  }

  async take(signal?: AbortSignal): Promise<void> {
    const pause = this.pausedUntil - this.now();
    if (pause > 0) await sleep(pause, undefined, { signal });
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.rate) / 1000);
    this.updatedAt = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    try {
      await sleep((-this.tokens * 1000) / this.rate, undefined, { signal });
    } catch (error) {
      this.tokens += 1; // the token taken on credit goes back to the queue
      throw error;
    }
  }
}

/** Milliseconds a `Retry-After` header asks for (delta-seconds or HTTP-date), or undefined when absent or unreadable. */
export function retryAfterMilliseconds(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Capped exponential backoff with jitter: retry n (1-based) waits between half and all of min(cap, base·2^(n-1)). */
export function backoffMilliseconds(retry: number, baseMilliseconds: number, capMilliseconds: number, random = Math.random): number {
  const ceiling = Math.min(capMilliseconds, baseMilliseconds * 2 ** Math.min(retry - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Names the fields of a body that breaks the contract: `records.2: Invalid input: expected record, received string`. */
export function describeShapeError(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `response does not match the contract: ${issues.join('; ')}${more}`;
}
