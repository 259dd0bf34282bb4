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
  const reason = request.reason?.trim();
  if (!reason || reason.length < 4) throw new DomainError('invalid', 'unmask=true needs a reason (at least 4 characters), e.g. reason=case 123 call-back');
  return reason;
}

export function addressParts(address: Record<string, unknown> | null | undefined): { province?: string; city?: string; district?: string } {
  const name = (value: unknown) => (value && typeof value === 'object' && 'name' in value ? String((value as { name: unknown }).name) : undefined);
  return { province: name(address?.province), city: name(address?.city), district: name(address?.district) };
}
