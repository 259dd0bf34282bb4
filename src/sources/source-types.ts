export const SOURCE_SYSTEMS = [
  'sales',
  'approval',
  'customer_service',
  'telemarketing',
  'credit_bureau',
  'logistics',
  'industry_shared',
  'public_directory',
  'other',
] as const;
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];

export const SOURCE_KINDS = ['internal', 'external'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** URL-safe, stable identifier a connector or the platform uses in paths. */
export const SOURCE_KEY_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export interface SourceDefinition {
  key: string;
  system: SourceSystem;
  kind: SourceKind;
  displayName?: string;
  trust?: number;
}

/** Default trust when a source does not state one: the lender's own systems over third-party data. */
export function defaultTrust(kind: SourceKind): number {
  return kind === 'internal' ? 0.8 : 0.6;
}

/** Sources the service itself writes to; registered at start-up unless config declares them. */
export const BUILT_IN_SOURCES: SourceDefinition[] = [
  { key: 'informant-leads', system: 'other', kind: 'internal', displayName: 'Told by contacts during calls', trust: 0.5 },
];
