import type { MappingValue, RecordMapping } from './connector-definition.js';
import type { ConnectorRow } from './readers/connector-reader.js';

/**
 * Turns one row into the record push ingest takes. The result is not validated here: ingest
 * validates, quarantines and matches a mapped row exactly like a pushed one. Empty values are left
 * out, so an optional column that is blank does not make the record invalid.
 */
export function mapRow(mapping: RecordMapping, row: ConnectorRow): Record<string, unknown> {
  const value = (entry: MappingValue | undefined): unknown => (entry === undefined ? undefined : resolveValue(entry, row));
  const borrower = compact({ ref: value(mapping['borrower.ref']), name: value(mapping['borrower.name']), idNumber: value(mapping['borrower.idNumber']) });
  const subject = compact({ role: value(mapping['subject.role']), name: value(mapping['subject.name']), relation: value(mapping['subject.relation']) });
  const phones = mapping.phones.flatMap((entry) => listOf(value(entry)));
  const addresses = mapping.addresses.flatMap((entry) => {
    const text = value(entry.text);
    if (text === undefined) return [];
    return [compact({ text, kind: value(entry.kind) })];
  });
  const employerName = value(mapping['employer.name']);
  const employerPhone = value(mapping['employer.phone']);
  return compact({
    sourceRecordId: value(mapping.sourceRecordId),
    observedAt: value(mapping.observedAt),
    borrower,
    subject,
    phones,
    addresses,
    employer: employerName === undefined ? undefined : compact({ name: employerName, phone: employerPhone }),
  });
}

/** The names of the columns a mapping reads (for a preview's "missing column" hints). */
export function mappedColumns(mapping: RecordMapping): string[] {
  const entries: (MappingValue | undefined)[] = [
    mapping.sourceRecordId,
    mapping.observedAt,
    mapping['borrower.ref'],
    mapping['borrower.name'],
    mapping['borrower.idNumber'],
    mapping['subject.role'],
    mapping['subject.name'],
    mapping['subject.relation'],
    ...mapping.phones,
    ...mapping.addresses.flatMap((address) => [address.text, address.kind]),
    mapping['employer.name'],
    mapping['employer.phone'],
  ];
  return [...new Set(entries.filter((entry): entry is string => typeof entry === 'string'))];
}

function resolveValue(entry: MappingValue, row: ConnectorRow): unknown {
  if (typeof entry !== 'string') return scalar(entry.const);
  // A column named with a dot wins over a nested field of the same path.
  const raw = Object.hasOwn(row, entry) ? row[entry] : nested(row, entry.split('.'));
  return scalar(raw);
}

function nested(row: unknown, path: string[]): unknown {
  let current = row;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Numbers and booleans become text (ids and phones are often numeric columns); blank is absent. */
function scalar(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  // Arrays (a JSON column of phones) pass through for listOf; other objects are left for validation to refuse.
  return value;
}

/** A phone column may hold one number or a JSON array of numbers. */
function listOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(scalar).filter((item) => item !== undefined);
  return [value];
}

function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
