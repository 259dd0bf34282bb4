import { DomainError } from '../common/domain-error.js';
import type { Principal } from '../auth/principal.js';

export interface UnmaskRequest {
  unmask?: string | boolean;
  reason?: string;
}

/**
 * Personal data is masked unless an operator asks for it with a stated reason; the caller audits
 * every unmasked read with that reason. Returns the reason when unmasking is allowed.
 */
export function unmaskReason(principal: Principal, request: UnmaskRequest): string | undefined {
  const wanted = request.unmask === true || request.unmask === 'true';
  if (!wanted) return undefined;
  if (principal.role !== 'operator') throw new DomainError('forbidden', 'only an operator may unmask personal data');
  const reason = meaningfulReason(request.reason);
  if (reason === undefined) throw new DomainError('invalid', 'unmask=true needs a reason (at least 4 letters or digits), e.g. reason=case 123 call-back');
  return reason;
}

// Zero-width and other format characters (ZWSP, ZWJ, BOM, soft hyphen, bidi marks) say nothing and are dropped.
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;
const MINIMUM_REASON_SIGNS = 4;

/** The reason without format characters, trimmed, when it holds at least 4 letters or digits; otherwise undefined. */
export function meaningfulReason(reason: string | undefined): string | undefined {
  const text = reason?.replace(FORMAT_CHARACTERS, '').trim();
  if (!text) return undefined;
  return (text.match(LETTER_OR_DIGIT)?.length ?? 0) >= MINIMUM_REASON_SIGNS ? text : undefined;
}

export function addressParts(address: Record<string, unknown> | null | undefined): { province?: string; city?: string; district?: string } {
  const name = (value: unknown) => (value && typeof value === 'object' && 'name' in value ? String((value as { name: unknown }).name) : undefined);
  return { province: name(address?.province), city: name(address?.city), district: name(address?.district) };
}
