import type { SourceRecordPayload } from '../records/source-record.js';
import { dwellingKey, parseAddress } from './address/index.js';
import type { ParsedAddress } from './address/index.js';
import type { LinkRelation, PersonMention } from './person-resolution.js';
import { normalizePersonName } from './person/person-name.js';
import { canonicalRelation } from './person/relation.js';
import { areaCodeForDivision, normalizePhone, type PhoneNormalization, splitPhoneField } from './phone/phone-normalizer.js';

export interface PreparedPhone {
  field: 'phone' | 'employer_phone';
  position: number;
  part: number;
  raw: string;
  result: PhoneNormalization;
  /** contact point identity; undefined when unusable */
  key?: string;
}

export interface PreparedAddress {
  position: number;
  raw: string;
  parsed: ParsedAddress;
  key?: string;
  error?: string;
}

export interface PreparedRecord {
  borrowerRef: string;
  subject: Omit<PersonMention, 'borrowerId'> & { name?: string; relationLabel?: string };
  phones: PreparedPhone[];
  addresses: PreparedAddress[];
  employer?: Omit<PersonMention, 'borrowerId'> & { name: string; phones: string[] };
}

/** Phone contact point identity: the line, plus the extension when there is one. */
export function phoneKey(e164: string, extension?: string): string {
  return extension ? `${e164};ext=${extension}` : e164;
}

/** Normalises one record's phones, addresses and names: pure, no storage. */
export function prepareRecord(payload: SourceRecordPayload): PreparedRecord {
  const addresses = payload.addresses.map((address, position) => prepareAddress(address.text, position));
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
    relation: (isBorrower ? 'self' : label.relation) as LinkRelation,
    relationLabel: isBorrower ? undefined : label.verbatim ?? payload.subject.relation,
    phones: personalPhoneKeys(phones),
  };
  const employer = payload.employer
    ? {
        role: 'employer' as const,
        name: payload.employer.name,
        normalizedName: normalizePersonName(payload.employer.name) ?? payload.employer.name.trim(),
        relation: 'employer' as const,
        phones: employerPhones.filter((phone) => phone.key).map((phone) => phone.key!),
      }
    : undefined;
  return { borrowerRef: payload.borrower.ref, subject, phones: [...phones, ...employerPhones], addresses, employer };
}

/** One address as the matcher reads it: parsed parts and the dwelling key, or why there is none. */
export function prepareAddress(raw: string, position = 0): PreparedAddress {
  const parsed = parseAddress(raw);
  const key = dwellingKey(parsed);
  return { position, raw, parsed, key, error: key ? undefined : 'too vague to identify one dwelling (needs a district and a road number or community)' };
}

/** One phone field as the matcher reads it: split into its numbers, each normalised (areaCode completes a landline without one). */
export function preparePhoneField(field: PreparedPhone['field'], position: number, raw: string, areaCode: string | undefined): PreparedPhone[] {
  const parts = splitPhoneField(raw);
  const values = parts.length > 0 ? parts : [raw];
  return values.map((value, part) => {
    const result = normalizePhone(value, { areaCode });
    return { field, position, part, raw, result, key: result.usable ? phoneKey(result.e164, result.extension) : undefined };
  });
}

/**
 * The lines that identify a person: mobiles. A landline is shared by a household (both parents
 * give the home number) and organisation numbers by everyone, so neither merges persons.
 */
function personalPhoneKeys(phones: PreparedPhone[]): string[] {
  return phones.filter((phone) => phone.result.usable && phone.result.type === 'mobile').map((phone) => phone.key!);
}

/** The area code of the first city named in the record, for landlines written without one. */
function recordAreaCode(addresses: PreparedAddress[]): string | undefined {
  for (const address of addresses) {
    const code = address.parsed.city?.code ?? address.parsed.province?.code;
    const areaCode = code ? areaCodeForDivision(code) : undefined;
    if (areaCode) return areaCode;
  }
  return undefined;
}
