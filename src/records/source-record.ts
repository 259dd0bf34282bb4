/** The record every source sends, pushed or pulled: the one shape ingest validates, stores and matches. */
export const SUBJECT_ROLES = ['borrower', 'contact'] as const;
export const ADDRESS_KINDS = ['home', 'work', 'delivery', 'registered', 'other'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];
export type AddressKind = (typeof ADDRESS_KINDS)[number];

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
