/** The record every source sends, pushed or pulled: the one shape ingest validates, stores and matches. */
export const SUBJECT_ROLES = ['borrower', 'contact'] as const;
export const ADDRESS_KINDS = ['home', 'work', 'delivery', 'registered', 'other'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];
export type AddressKind = (typeof ADDRESS_KINDS)[number];

/** Limits of a record, checked on ingest (source-record-validation.ts) and shown in the OpenAPI document. */
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
  earliestObservedAt: Date.parse('1990-01-01T00:00:00Z'),
} as const;

/** A validated record, as stored in source_record_version.payload. */
export interface SourceRecordPayload {
  sourceRecordId: string;
  observedAt: string;
  borrower: { ref: string; name?: string; idNumber?: string };
  subject: { role: SubjectRole; name?: string; relation?: string };
  phones: string[];
  addresses: { text: string; kind?: AddressKind }[];
  employer?: { name: string; phone?: string };
}
