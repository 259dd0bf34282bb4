/**
 * Label values for the metrics. Labels are never built from request data: a raw path holds borrower refs
 * and ids (personal data, and a new series per borrower), so only the route pattern is used.
 */

/** What an HTTP request that matched no route is labelled (404s, bodies refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

const MAX_LABEL_LENGTH = 100;

/** `2xx`, `4xx`…; anything outside 100–599 is `other`. */
export function statusClass(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? `${Math.floor(status / 100)}xx` : 'other';
}

/**
 * The route pattern Express matched (`/v1/borrowers/:ref/contact-plan`), without a trailing slash;
 * `unmatched` when there is none or it is not a plain string pattern (a RegExp or a list).
 */
export function routeLabel(pattern: unknown): string {
  if (typeof pattern !== 'string' || pattern === '') return UNMATCHED_ROUTE;
  const trimmed = pattern.length > 1 ? pattern.replace(/\/+$/, '') : pattern;
  return boundedLabel(trimmed || '/');
}

/** HTTP methods as a closed set, so a client cannot invent series with made-up methods. */
export function methodLabel(method: string | undefined): string {
  const upper = (method ?? '').toUpperCase();
  return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(upper) ? upper : 'OTHER';
}

/**
 * A configured identifier (source or connector key) as a label value: kept as is when short,
 * else cut, so a label can never grow without bound.
 */
export function boundedLabel(value: string): string {
  return value.length <= MAX_LABEL_LENGTH ? value : value.slice(0, MAX_LABEL_LENGTH);
}
