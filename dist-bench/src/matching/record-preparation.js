import { dwellingKey, parseAddress } from './address/index.js';
import { normalizePersonName } from './person/person-name.js';
import { canonicalRelation } from './person/relation.js';
import { areaCodeForDivision, normalizePhone, splitPhoneField } from './phone/phone-normalizer.js';
/** Phone contact point identity: the line, plus the extension when there is one. */
export function phoneKey(e164, extension) {
    return extension ? `${e164};ext=${extension}` : e164;
}
/** Normalises one record's phones, addresses and names: pure, no storage. */
export function prepareRecord(payload) {
    const addresses = payload.addresses.map((address, position) => {
        const parsed = parseAddress(address.text);
        const key = dwellingKey(parsed);
        return { position, raw: address.text, parsed, key, error: key ? undefined : 'too vague to identify one dwelling (needs a district and a road number or community)' };
    });
    const areaCode = recordAreaCode(addresses);
    const phones = payload.phones.flatMap((raw, position) => preparePhoneField('phone', position, raw, areaCode));
    const employerPhones = payload.employer?.phone ? preparePhoneField('employer_phone', 0, payload.employer.phone, areaCode) : [];
    const label = canonicalRelation(payload.subject.relation);
    const isBorrower = payload.subject.role === 'borrower';
    const name = payload.subject.name ?? (isBorrower ? payload.borrower.name : undefined);
    const subject = {
        role: payload.subject.role,
        name,
        normalizedName: normalizePersonName(name),
        relation: (isBorrower ? 'self' : label.relation),
        relationLabel: isBorrower ? undefined : label.verbatim ?? payload.subject.relation,
        phones: personalPhoneKeys(phones),
    };
    const employer = payload.employer
        ? {
            role: 'employer',
            name: payload.employer.name,
            normalizedName: normalizePersonName(payload.employer.name) ?? payload.employer.name.trim(),
            relation: 'employer',
            phones: employerPhones.filter((phone) => phone.key).map((phone) => phone.key),
        }
        : undefined;
    return { borrowerRef: payload.borrower.ref, subject, phones: [...phones, ...employerPhones], addresses, employer };
}
function preparePhoneField(field, position, raw, areaCode) {
    const parts = splitPhoneField(raw);
    const values = parts.length > 0 ? parts : [raw];
    return values.map((value, part) => {
        const result = normalizePhone(value, { areaCode });
        return { field, position, part, raw, result, key: result.usable ? phoneKey(result.e164, result.extension) : undefined };
    });
}
/** A person's own lines: organisation numbers (400, 95xxx) never identify a person. */
function personalPhoneKeys(phones) {
    return phones.filter((phone) => phone.result.usable && phone.result.type !== 'organisation').map((phone) => phone.key);
}
/** The area code of the first city named in the record, for landlines written without one. */
function recordAreaCode(addresses) {
    for (const address of addresses) {
        const code = address.parsed.city?.code ?? address.parsed.province?.code;
        const areaCode = code ? areaCodeForDivision(code) : undefined;
        if (areaCode)
            return areaCode;
    }
    return undefined;
}
//# sourceMappingURL=record-preparation.js.map