import { describe, expect, it } from 'vitest';
import { connectorDefinitionSchema } from './connector-definition.js';
import { connectorProblems } from './connector-checks.js';

const mapping = { sourceRecordId: 'id', observedAt: 'at', 'borrower.ref': 'ref', 'subject.role': { const: 'borrower' } };
const database = { urlEnv: 'APPROVAL_DATABASE_URL', query: 'SELECT * FROM t WHERE m > :cursor ORDER BY m', cursor: { column: 'm', initial: '1970-01-01' } };

function issues(input: unknown): string[] {
  const parsed = connectorDefinitionSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('connector definitions', () => {
  it('accept each kind with its own settings', () => {
    expect(issues({ source: 'crm', kind: 'database', database, mapping, schedule: '0 2 * * *' })).toEqual([]);
    expect(issues({ source: 'crm', kind: 'file', file: { directory: '/srv/drop', pattern: '*.csv', format: 'csv', encoding: 'gbk' }, mapping })).toEqual([]);
    expect(issues({ source: 'bureau', kind: 'http', http: { baseUrlEnv: 'BUREAU_URL', mode: 'per-borrower', legalBasis: 'contract 1' }, mapping })).toEqual([]);
  });

  it('name the field at fault', () => {
    expect(issues({ source: 'crm', kind: 'database', mapping })).toEqual(['database: a database connector needs "database" settings']);
    expect(issues({ source: 'crm', kind: 'database', database, file: { directory: '/x', format: 'csv' }, mapping })).toEqual(['file: only a file connector takes "file" settings']);
    expect(issues({ source: 'crm', kind: 'database', database: { ...database, query: 'SELECT 1' }, mapping })[0]).toMatch(/^database\.query: must use :cursor/);
    expect(issues({ source: 'crm', kind: 'database', database: { ...database, urlEnv: 'lower' }, mapping })[0]).toMatch(/^database\.urlEnv/);
    expect(issues({ source: 'crm', kind: 'database', database, mapping, schedule: 'nightly' })[0]).toMatch(/^schedule/);
    expect(issues({ source: 'crm', kind: 'file', file: { directory: 'relative/path', format: 'csv' }, mapping })[0]).toMatch(/^file\.directory/);
    expect(issues({ source: 'crm', kind: 'database', database, mapping: { ...mapping, unknown: 'x' } })[0]).toMatch(/^mapping/);
    expect(issues({ source: 'b', kind: 'http', http: { baseUrlEnv: 'B', mode: 'per-borrower', legalBasis: 'contract 1' }, mapping, schedule: '0 2 * * *' })[0]).toMatch(/^schedule/);
  });
});

describe('connectorProblems', () => {
  const environment = { fileRoots: ['/srv/drop'], secretNames: new Set(['APPROVAL_DATABASE_URL']), source: { kind: 'internal' as const } };

  it('wants a registered source and secrets that are in the environment', () => {
    const definition = connectorDefinitionSchema.parse({ source: 'crm', kind: 'database', database, mapping });
    expect(connectorProblems(definition, environment)).toEqual([]);
    expect(connectorProblems(definition, { ...environment, source: undefined })).toEqual(['source: "crm" is not a registered source']);
    expect(connectorProblems(definition, { ...environment, secretNames: new Set() })[0]).toMatch(/^database\.urlEnv: APPROVAL_DATABASE_URL is not set/);
  });

  it('keeps file connectors under the allowed roots', () => {
    const at = (directory: string) => connectorDefinitionSchema.parse({ source: 'crm', kind: 'file', file: { directory, format: 'csv' }, mapping });
    expect(connectorProblems(at('/srv/drop/crm'), environment)).toEqual([]);
    expect(connectorProblems(at('/srv/drop/../../etc'), environment)[0]).toMatch(/^file\.directory: must lie under/);
    expect(connectorProblems(at('/srv/drop2'), environment)[0]).toMatch(/^file\.directory/);
    expect(connectorProblems(at('/srv/drop'), { ...environment, fileRoots: [] })[0]).toMatch(/CONNECTOR_FILE_ROOTS is not set/);
  });
});
