import type { Queryable } from './queryable.js';

/** References the database does not enforce with a foreign key (see NoForeignKeysOnProvenanceLinks). */
export const UNENFORCED_REFERENCES = [
  { table: 'observation', column: 'source_record_version_id', parent: 'source_record_version' },
  { table: 'observation', column: 'contact_point_id', parent: 'contact_point' },
  { table: 'person_contact_point', column: 'person_id', parent: 'person' },
  { table: 'person_contact_point', column: 'contact_point_id', parent: 'contact_point' },
] as const;

export interface OrphanCount {
  reference: string;
  orphans: number;
}

/** Rows whose unenforced reference points nowhere; all zero when ingest kept its invariants. */
export async function findOrphans(executor: Queryable): Promise<OrphanCount[]> {
  const counts: OrphanCount[] = [];
  for (const { table, column, parent } of UNENFORCED_REFERENCES) {
    const [row]: { orphans: number }[] = await executor.query(
      `SELECT count(*)::int AS orphans FROM ${table} child
       WHERE child.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} WHERE ${parent}.id = child.${column})`,
    );
    counts.push({ reference: `${table}.${column} -> ${parent}`, orphans: row.orphans });
  }
  return counts;
}
