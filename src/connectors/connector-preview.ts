import { maskSourceRecordPayload } from '../ingest/source-record-masking.js';
import { type NormalisationReport, normalisationReport } from '../matching/normalisation-report.js';
import { prepareRecord } from '../matching/record-preparation.js';
import { maskPhone } from '../privacy/masking.js';
import { validateSourceRecord } from '../records/source-record-validation.js';
import type { RecordMapping } from './connector-definition.js';
import { mapRow } from './record-mapping.js';
import type { ConnectorRow } from './readers/connector-reader.js';

export interface PreviewItem {
  /** Position of the row among those read. */
  row: number;
  /** The record the row becomes; masked unless unmasked with a reason. */
  record: unknown;
  valid: boolean;
  /** Why ingest would quarantine it. */
  errors: string[];
  /** What the matcher makes of each phone and address (valid records only). */
  normalised: NormalisationReport | null;
}

const MASK = '****';

/** Maps rows as a run would, validates them as ingest would, and reports what matching would make of them: nothing is stored. */
export function previewRows(mapping: RecordMapping, rows: readonly ConnectorRow[], options: { unmasked: boolean; now?: Date }): PreviewItem[] {
  return rows.map((row, index) => {
    const record = mapRow(mapping, row);
    const validation = validateSourceRecord(record, options.now);
    if (!validation.valid) return { row: index, record: options.unmasked ? record : maskUnvalidated(record), valid: false, errors: validation.errors, normalised: null };
    const report = normalisationReport(prepareRecord(validation.payload));
    return {
      row: index,
      record: options.unmasked ? validation.payload : maskSourceRecordPayload(validation.payload),
      valid: true,
      errors: [],
      normalised: options.unmasked ? report : maskReport(report),
    };
  });
}

/** A masked report keeps what places a value (carrier, area, division) and hides what identifies it. */
export function maskReport(report: NormalisationReport): NormalisationReport {
  return {
    phones: report.phones.map((phone) => (phone.usable ? { ...phone, e164: maskPhone(phone.e164) ?? MASK, extension: phone.extension ? MASK : null, key: MASK } : phone)),
    addresses: report.addresses.map((address) => ({
      ...address,
      cleaned: MASK,
      town: hide(address.town),
      road: hide(address.road),
      roadNumber: hide(address.roadNumber),
      estate: hide(address.estate),
      building: hide(address.building),
      unit: hide(address.unit),
      floor: hide(address.floor),
      room: hide(address.room),
      key: hide(address.key),
    })),
  };
}

/** A record that failed validation is shown by its shape only: which fields it has, never their text. */
function maskUnvalidated(record: Record<string, unknown>): unknown {
  const shape = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(shape);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'role' || key === 'kind' ? item : shape(item)]));
    return value === undefined || value === null ? value : MASK;
  };
  const masked = shape(record) as Record<string, unknown>;
  // The ids say which row it is, and are not personal data.
  return { ...masked, sourceRecordId: record.sourceRecordId, observedAt: record.observedAt };
}

function hide(value: string | null): string | null {
  return value === null ? null : MASK;
}

