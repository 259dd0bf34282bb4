import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/**
 * A connector as declared (PUT /v1/connectors/{key} or config/connectors.json): where rows come from
 * and how each row becomes the SourceRecord push ingest takes. Secrets are never part of it: it
 * names the environment variables that hold them.
 */

export const CONNECTOR_KINDS = ['database', 'file', 'http'] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];
export const FILE_FORMATS = ['csv', 'ndjson'] as const;
export const FILE_ENCODINGS = ['utf-8', 'gbk', 'gb18030'] as const;
export const HTTP_MODES = ['per-borrower', 'feed'] as const;

export const CONNECTOR_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const environmentName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,127}$/, 'must name an environment variable (A-Z, 0-9, _)')
  .meta({ description: 'Name of the environment variable holding the secret; the value never leaves the environment' });

const cronPattern = z
  .string()
  .max(120)
  .refine((pattern) => {
    try {
      CronExpressionParser.parse(pattern);
      return pattern.trim().split(/\s+/).length >= 5;
    } catch {
      return false;
    }
  }, 'must be a cron pattern of five fields (or six with seconds)')
  .meta({ description: 'Cron pattern, read in the contact-rules time zone' });

/** A mapping value: a column (or JSON field, dotted for nesting) name, or a constant. */
export const mappingValueSchema = z.union([
  z.string().min(1).max(200),
  z.strictObject({ const: z.union([z.string().max(500), z.number(), z.boolean()]) }),
]);
export type MappingValue = z.output<typeof mappingValueSchema>;

const addressMappingSchema = z.strictObject({ text: mappingValueSchema, kind: mappingValueSchema.optional() });

export const recordMappingSchema = z.strictObject({
  sourceRecordId: mappingValueSchema,
  observedAt: mappingValueSchema,
  'borrower.ref': mappingValueSchema,
  'borrower.name': mappingValueSchema.optional(),
  'borrower.idNumber': mappingValueSchema.optional(),
  'subject.role': mappingValueSchema,
  'subject.name': mappingValueSchema.optional(),
  'subject.relation': mappingValueSchema.optional(),
  phones: z.array(mappingValueSchema).max(20).default([]),
  addresses: z.array(addressMappingSchema).max(20).default([]),
  'employer.name': mappingValueSchema.optional(),
  'employer.phone': mappingValueSchema.optional(),
});
export type RecordMapping = z.output<typeof recordMappingSchema>;

export const databaseSettingsSchema = z.strictObject({
  urlEnv: environmentName.meta({ description: 'Environment variable holding a postgres:// or mysql:// URL' }),
  query: z
    .string()
    .min(1)
    .max(20_000)
    .refine((query) => /:cursor\b/.test(query), 'must use :cursor (rows after the last committed cursor value)')
    .meta({ description: 'SELECT returning rows after :cursor, ordered by the cursor column first' }),
  cursor: z.strictObject({ column: z.string().min(1).max(200), initial: z.string().max(200) }),
});

export const fileSettingsSchema = z.strictObject({
  directory: z.string().min(1).max(1_000).refine((path) => path.startsWith('/'), 'must be an absolute path'),
  pattern: z.string().min(1).max(200).default('*'),
  format: z.enum(FILE_FORMATS),
  encoding: z.enum(FILE_ENCODINGS).default('utf-8'),
  sftpEnv: environmentName.optional().meta({ description: 'Environment variable holding sftp://user:password@host:port/path (or a key, see README)' }),
});

export const httpSettingsSchema = z.strictObject({
  baseUrlEnv: environmentName,
  tokenEnv: environmentName.optional(),
  mode: z.enum(HTTP_MODES),
  legalBasis: z.string().min(3).max(500).meta({ description: 'Contract or consent reference recorded with every call' }),
  ratePerSecond: z.number().positive().max(1_000).default(5),
});

export const connectorDefinitionSchema = z
  .strictObject({
    source: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a registered source key'),
    kind: z.enum(CONNECTOR_KINDS),
    schedule: cronPattern.optional(),
    enabled: z.boolean().default(true),
    database: databaseSettingsSchema.optional(),
    file: fileSettingsSchema.optional(),
    http: httpSettingsSchema.optional(),
    mapping: recordMappingSchema,
  })
  .superRefine((definition, context) => {
    for (const kind of CONNECTOR_KINDS) {
      const present = definition[kind] !== undefined;
      if (kind === definition.kind && !present) context.addIssue({ code: 'custom', path: [kind], message: `a ${kind} connector needs "${kind}" settings` });
      if (kind !== definition.kind && present) context.addIssue({ code: 'custom', path: [kind], message: `only a ${kind} connector takes "${kind}" settings` });
    }
    if (definition.kind === 'http' && definition.http?.mode === 'per-borrower' && definition.schedule) {
      context.addIssue({ code: 'custom', path: ['schedule'], message: 'a per-borrower connector is asked by repair runs, not on a schedule' });
    }
  });

export type ConnectorDefinition = z.output<typeof connectorDefinitionSchema>;
export type DatabaseSettings = z.output<typeof databaseSettingsSchema>;
export type FileSettings = z.output<typeof fileSettingsSchema>;
export type HttpSettings = z.output<typeof httpSettingsSchema>;
