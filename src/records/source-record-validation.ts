import { createHash } from 'node:crypto';
import { ADDRESS_KINDS, type AddressKind, SUBJECT_ROLES, type SourceRecordPayload, type SubjectRole } from './source-record.js';
import { compact } from '../common/objects.js';

export const RECORD_LIMITS = {
  sourceRecordId: 200,
  borrowerRef: 100,
  name: 100,
  idNumber: 32,
  relation: 50,
  phone: 64,
  phonesPerRecord: 20,
  address: 500,
  addressesPerRecord: 20,
  employerName: 200,
  /** Clocks drift and time zones confuse; more than this in the future is a data error. */
  futureToleranceMilliseconds: 24 * 60 * 60 * 1000,
  earliestObservedAt: Date.parse('1990-01-01T00:00:00Z'),
} as const;

export type RecordValidation = { valid: true; payload: SourceRecordPayload; observedAt: Date } | { valid: false; errors: string[] };

// Date, optional time, optional offset. Chinese source systems usually write local time without an offset.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const CHINA_STANDARD_TIME_OFFSET = '+08:00';

/** Parses an ISO-8601 date-time; without an offset it is China Standard Time (UTC+8). */
export function parseObservedAt(value: string): Date | undefined {
  const match = DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '0', offset] = match;
  const normalizedOffset = offset === undefined ? CHINA_STANDARD_TIME_OFFSET : offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const milliseconds = fraction.padEnd(3, '0').slice(0, 3);
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${milliseconds}${normalizedOffset}`);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date() rolls 2024-02-30 over to March; reject dates that do not exist.
  const local = new Date(date.getTime() + offsetMinutes(normalizedOffset) * 60_000);
  if (local.getUTCFullYear() !== Number(year) || local.getUTCMonth() + 1 !== Number(month) || local.getUTCDate() !== Number(day)) {
    return undefined;
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return date;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return sign * (hours * 60 + minutes);
}

/** Validates one record of an ingest batch; every problem is reported as "field: reason". */
export function validateSourceRecord(input: unknown, now: Date = new Date()): RecordValidation {
  const errors: string[] = [];
  if (!isObject(input)) return { valid: false, errors: ['record: must be a JSON object'] };

  const sourceRecordId = requiredText(input, 'sourceRecordId', 'sourceRecordId', RECORD_LIMITS.sourceRecordId, errors);

  let observedAt: Date | undefined;
  if (typeof input.observedAt !== 'string') {
    errors.push(input.observedAt === undefined ? 'observedAt: is required' : 'observedAt: must be a string (ISO-8601 date-time)');
  } else {
    observedAt = parseObservedAt(input.observedAt);
    if (!observedAt) errors.push(`observedAt: "${clip(input.observedAt)}" is not an ISO-8601 date-time (e.g. 2024-05-01T09:30:00+08:00)`);
    else if (observedAt.getTime() > now.getTime() + RECORD_LIMITS.futureToleranceMilliseconds) {
      errors.push('observedAt: is more than a day in the future');
    } else if (observedAt.getTime() < RECORD_LIMITS.earliestObservedAt) errors.push('observedAt: is before 1990, not a plausible observation time');
  }

  let borrower: SourceRecordPayload['borrower'] | undefined;
  if (!isObject(input.borrower)) {
    errors.push(input.borrower === undefined ? 'borrower: is required' : 'borrower: must be an object');
  } else {
    const ref = requiredText(input.borrower, 'ref', 'borrower.ref', RECORD_LIMITS.borrowerRef, errors);
    const name = optionalText(input.borrower, 'name', 'borrower.name', RECORD_LIMITS.name, errors);
    const idNumber = optionalText(input.borrower, 'idNumber', 'borrower.idNumber', RECORD_LIMITS.idNumber, errors);
    if (ref !== undefined) borrower = compact({ ref, name, idNumber });
  }

  let subject: SourceRecordPayload['subject'] | undefined;
  if (!isObject(input.subject)) {
    errors.push(input.subject === undefined ? 'subject: is required' : 'subject: must be an object');
  } else {
    const role = input.subject.role;
    if (typeof role !== 'string' || !SUBJECT_ROLES.includes(role as SubjectRole)) {
      errors.push(role === undefined ? 'subject.role: is required (borrower or contact)' : `subject.role: "${clip(String(role))}" is not one of borrower, contact`);
    }
    const name = optionalText(input.subject, 'name', 'subject.name', RECORD_LIMITS.name, errors);
    const relation = optionalText(input.subject, 'relation', 'subject.relation', RECORD_LIMITS.relation, errors);
    if (SUBJECT_ROLES.includes(role as SubjectRole)) subject = compact({ role: role as SubjectRole, name, relation });
  }

  const phones = stringArray(input.phones, 'phones', RECORD_LIMITS.phone, RECORD_LIMITS.phonesPerRecord, errors);
  const addresses = addressArray(input.addresses, errors);

  let employer: SourceRecordPayload['employer'];
  if (input.employer !== undefined && input.employer !== null) {
    if (!isObject(input.employer)) errors.push('employer: must be an object');
    else {
      const name = requiredText(input.employer, 'name', 'employer.name', RECORD_LIMITS.employerName, errors);
      const phone = optionalText(input.employer, 'phone', 'employer.phone', RECORD_LIMITS.phone, errors);
      if (name !== undefined) employer = compact({ name, phone });
    }
  }

  if (errors.length > 0 || !sourceRecordId || !observedAt || !borrower || !subject) return { valid: false, errors };
  const payload: SourceRecordPayload = compact({
    sourceRecordId,
    observedAt: observedAt.toISOString(),
    borrower,
    subject,
    phones,
    addresses,
    employer,
  });
  return { valid: true, payload, observedAt };
}

/** SHA-256 of canonical JSON (sorted keys): the same content always hashes the same. */
export function contentHash(payload: SourceRecordPayload): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkText(value: string, field: string, maximum: number, errors: string[]): string | undefined {
  if (value.length > maximum) {
    errors.push(`${field}: is ${value.length} characters, at most ${maximum} allowed`);
    return undefined;
  }
  if (value.includes('\u0000')) {
    errors.push(`${field}: contains a NUL character`);
    return undefined;
  }
  return value;
}

function requiredText(object: Record<string, unknown>, key: string, field: string, maximum: number, errors: string[]): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) {
    errors.push(`${field}: is required`);
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.push(`${field}: must be a string, got ${describeType(value)}`);
    return undefined;
  }
  if (value.trim() === '') {
    errors.push(`${field}: must not be empty`);
    return undefined;
  }
  return checkText(value, field, maximum, errors);
}

function optionalText(object: Record<string, unknown>, key: string, field: string, maximum: number, errors: string[]): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    errors.push(`${field}: must be a string, got ${describeType(value)}`);
    return undefined;
  }
  if (value.trim() === '') return undefined;
  return checkText(value, field, maximum, errors);
}

function stringArray(value: unknown, field: string, maximumLength: number, maximumItems: number, errors: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(`${field}: must be an array of strings, got ${describeType(value)}`);
    return [];
  }
  if (value.length > maximumItems) errors.push(`${field}: has ${value.length} entries, at most ${maximumItems} allowed`);
  const result: string[] = [];
  value.forEach((item, index) => {
    if (typeof item !== 'string') errors.push(`${field}[${index}]: must be a string, got ${describeType(item)}`);
    else {
      const checked = checkText(item, `${field}[${index}]`, maximumLength, errors);
      if (checked !== undefined) result.push(checked);
    }
  });
  return result;
}

function addressArray(value: unknown, errors: string[]): SourceRecordPayload['addresses'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(`addresses: must be an array, got ${describeType(value)}`);
    return [];
  }
  if (value.length > RECORD_LIMITS.addressesPerRecord) {
    errors.push(`addresses: has ${value.length} entries, at most ${RECORD_LIMITS.addressesPerRecord} allowed`);
  }
  const result: SourceRecordPayload['addresses'] = [];
  value.forEach((item, index) => {
    const field = `addresses[${index}]`;
    if (!isObject(item)) {
      errors.push(`${field}: must be an object with a text field`);
      return;
    }
    const text = requiredText(item, 'text', `${field}.text`, RECORD_LIMITS.address, errors);
    const kind = item.kind;
    if (kind !== undefined && kind !== null && !ADDRESS_KINDS.includes(kind as AddressKind)) {
      errors.push(`${field}.kind: "${clip(String(kind))}" is not one of ${ADDRESS_KINDS.join(', ')}`);
      return;
    }
    if (text !== undefined) result.push(compact({ text, kind: (kind ?? undefined) as AddressKind | undefined }));
  });
  return result;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

