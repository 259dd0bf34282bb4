import { parseAddress } from '../matching/address/index.js';
import { canonicalRelation } from '../matching/person/relation.js';
import { maskAddress, maskIdNumber, maskName, maskPhoneOrWhole } from '../privacy/masking.js';
import { compact } from '../common/objects.js';
import type { SourceRecordPayload } from '../records/source-record.js';

// A stored record read back masked: the same rules as every other answer (privacy/masking), applied to raw source text.

/** A raw address cut after its district, from the parser's reading of it ('广东省深圳市南山区****'). */
export function maskRawAddress(text: string): string {
  const parsed = parseAddress(text);
  return maskAddress({ province: parsed.province?.name, city: parsed.city?.name, district: parsed.district?.name });
}

/**
 * The payload with every personal value masked. Built field by field, not by copying the payload: a field added
 * to the record later stays out of the masked answer until someone decides how to mask it. The relation is given
 * as its canonical name, as in the contact plan: a label the source wrote freely can carry anything. An employer's
 * name is masked like any name (a sole trader's shop carries its owner's).
 */
export function maskSourceRecordPayload(payload: SourceRecordPayload): SourceRecordPayload {
  const { borrower, subject, employer } = payload;
  return compact({
    sourceRecordId: payload.sourceRecordId,
    observedAt: payload.observedAt,
    borrower: compact({ ref: borrower.ref, name: maskName(borrower.name), idNumber: maskIdNumber(borrower.idNumber) }),
    subject: compact({ role: subject.role, name: maskName(subject.name), relation: subject.relation === undefined ? undefined : canonicalRelation(subject.relation).relation }),
    phones: payload.phones.map(maskPhoneOrWhole),
    addresses: payload.addresses.map((address) => compact({ text: maskRawAddress(address.text), kind: address.kind })),
    employer: employer && compact({ name: maskName(employer.name) ?? '', phone: employer.phone === undefined ? undefined : maskPhoneOrWhole(employer.phone) }),
  });
}
