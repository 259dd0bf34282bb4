import { type InputLimits, inputProblem, replaceUnsafeText } from '../common/text.js';

/** How much of a rejected record quarantine keeps: enough to see what went wrong, never a whole dump. */
export const QUARANTINE_LIMITS = { maxBytes: 64 * 1024, maxDepth: 32 } as const;

/** What a record as it arrives may hold before its fields are even looked at. */
export const RECORD_INPUT_LIMITS: InputLimits = { maxDepth: QUARANTINE_LIMITS.maxDepth, maxStringLength: QUARANTINE_LIMITS.maxBytes };

/** Stands in for a record quarantine could not keep as it came: why, its size, and the start of its JSON text. */
export interface QuarantinedAsText {
  $quarantinedAsText: { reason: string; bytes: number | null };
  text: string;
}

/**
 * The payload quarantine stores for a rejected record: the record itself when it is small, shallow
 * and storable text; otherwise a QuarantinedAsText marker holding at most QUARANTINE_LIMITS.maxBytes
 * of its JSON text, with NUL and lone surrogates replaced by U+FFFD.
 */
export function quarantinePayload(record: unknown): unknown {
  const value = record === undefined ? null : record;
  const problem = inputProblem(value, { maxDepth: QUARANTINE_LIMITS.maxDepth, maxStringLength: Number.POSITIVE_INFINITY });
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  const bytes = json === undefined ? null : Buffer.byteLength(json);
  if (!problem && json !== undefined && bytes !== null && bytes <= QUARANTINE_LIMITS.maxBytes) return value;
  const reason = problem
    ? `${problem.path.length ? `at ${problem.path.join('.')}: ` : ''}${problem.problem}`
    : json === undefined
      ? 'not serialisable as JSON'
      : `${bytes} bytes, at most ${QUARANTINE_LIMITS.maxBytes} kept`;
  return { $quarantinedAsText: { reason: replaceUnsafeText(reason).slice(0, 500), bytes }, text: clipToBytes(json ?? '', QUARANTINE_LIMITS.maxBytes) } satisfies QuarantinedAsText;
}

/** At most `maxBytes` of UTF-8, cut on a character boundary, storable. */
export function clipToBytes(value: string, maxBytes: number): string {
  let clipped = value.length > maxBytes ? value.slice(0, maxBytes) : value;
  while (Buffer.byteLength(clipped) > maxBytes) clipped = clipped.slice(0, Math.floor(clipped.length * 0.9));
  return replaceUnsafeText(clipped);
}
