import { parseAddress } from '../matching/address/index.js';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../privacy/masking.js';
import { compact } from '../common/objects.js';
import type { SourceRecordPayload } from './source-record.dto.js';

// A stored record read back masked: the same rules as every other answer (privacy/masking), applied to raw source text.

const FULLY_MASKED = '****';

/**
 * A raw phone string as the source wrote it: only its digits are kept and masked ('手机:138-1234-5678' ->
 * '138****5678'); a string without digits ('无') is fully masked, since free text can carry a name.
 */
export function maskRawPhone(raw: string): string {
  return maskPhone(raw) ?? FULLY_MASKED;
}

/** A raw address cut after its district, from the parser's reading of it ('广东省深圳市南山区****'). */
export function maskRawAddress(text: string): string {
  const parsed = parseAddress(text);
  return maskAddress({ province: parsed.province?.name, city: parsed.city?.name, district: parsed.district?.name });
}

/**
 * The payload with every personal value masked. Built field by field, not by copying the payload: a field added
 * to the record later stays out of the masked answer until someone decides how to mask it.
 * The employer's name is an organisation's and stays; its phone is masked like any other.
 */
export function maskSourceRecordPayload(payload: SourceRecordPayload): SourceRecordPayload {
  const { borrower, subject, employer } = payload;
  return compact({
    sourceRecordId: payload.sourceRecordId,
    observedAt: payload.observedAt,
    borrower: compact({ ref: borrower.ref, name: maskName(borrower.name), idNumber: maskIdNumber(borrower.idNumber) }),
    subject: compact({ role: subject.role, name: maskName(subject.name), relation: subject.relation }),
    phones: payload.phones.map(maskRawPhone),
    addresses: payload.addresses.map((address) => compact({ text: maskRawAddress(address.text), kind: address.kind })),
    employer: employer && compact({ name: employer.name, phone: employer.phone === undefined ? undefined : maskRawPhone(employer.phone) }),
  });
}
