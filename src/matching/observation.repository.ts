import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import { findOrphans, type OrphanCount } from '../database/referential-integrity.js';
import type { ObservationField } from './observation.entity.js';

export interface NewObservation {
  sourceRecordVersionId: string;
  field: ObservationField;
  position: number;
  part: number;
  raw: string;
  contactPointId: string | null;
  error: string | null;
  borrowerId: string;
  personId: string;
  observedAt: Date;
}

/** One value of a stored record version and the contact point it names now (after any merge). */
export interface ResolvedValue {
  field: ObservationField;
  raw: string;
  contactPointId: string | null;
  error: string | null;
  e164: string | null;
  extension: string | null;
  subtype: string | null;
}

/** Observations: each phone or address a record version names, the provenance of every contact point. */
@Injectable()
export class ObservationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(sourceKey: string, observations: readonly NewObservation[], db: Queryable = this.dataSource): Promise<void> {
    if (observations.length === 0) return;
    await db.query(
      `INSERT INTO observation (source_record_version_id, source_key, field, position, part, raw, contact_point_id, error, borrower_id, person_id, observed_at)
       SELECT version_id, $1, field, position, part, raw, contact_point_id, error, borrower_id, person_id, observed_at
       FROM jsonb_to_recordset($2::jsonb)
         AS row(version_id bigint, field varchar, position smallint, part smallint, raw text, contact_point_id uuid, error text, borrower_id uuid, person_id uuid, observed_at timestamptz)`,
      [
        sourceKey,
        JSON.stringify(
          observations.map((observation) => ({
            version_id: observation.sourceRecordVersionId,
            field: observation.field,
            position: observation.position,
            part: observation.part,
            raw: observation.raw,
            contact_point_id: observation.contactPointId,
            error: observation.error,
            borrower_id: observation.borrowerId,
            person_id: observation.personId,
            observed_at: observation.observedAt,
          })),
        ),
      ],
    );
  }

  /** A version's values in the record's own order: phones, employer phones, then addresses. */
  async findResolvedValues(sourceRecordVersionId: string, db: Queryable = this.dataSource): Promise<ResolvedValue[]> {
    const rows: { field: ObservationField; raw: string; contact_point_id: string | null; error: string | null; e164: string | null; extension: string | null; subtype: string | null }[] =
      await db.query(
        `SELECT observation.field, observation.raw, point.id AS contact_point_id, observation.error,
                point.e164, point.extension, point.subtype
         FROM observation LEFT JOIN contact_point point ON point.id = canonical_contact_point(observation.contact_point_id)
         WHERE observation.source_record_version_id = $1
         ORDER BY CASE observation.field WHEN 'phone' THEN 0 WHEN 'employer_phone' THEN 1 ELSE 2 END, observation.position, observation.part`,
        [sourceRecordVersionId],
      );
    return rows.map((row) => ({
      field: row.field,
      raw: row.raw,
      contactPointId: row.contact_point_id,
      error: row.error,
      e164: row.e164,
      extension: row.extension,
      subtype: row.subtype,
    }));
  }

  /** Observations and person links whose unenforced reference points nowhere (all zero when healthy); scans whole tables. */
  findOrphans(db: Queryable = this.dataSource): Promise<OrphanCount[]> {
    return findOrphans(db);
  }
}
