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
];
export const SOURCE_KINDS = ['internal', 'external'];
/** URL-safe, stable identifier a connector or the platform uses in paths. */
export const SOURCE_KEY_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
/** Default trust when a source does not state one: the lender's own systems over third-party data. */
export function defaultTrust(kind) {
    return kind === 'internal' ? 0.8 : 0.6;
}
/** Sources the service itself writes to; registered at start-up unless config declares them. */
export const BUILT_IN_SOURCES = [
    { key: 'informant-leads', system: 'other', kind: 'internal', displayName: 'Told by contacts during calls', trust: 0.5 },
];
//# sourceMappingURL=source-types.js.map