import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import { SHARING_OBSERVATION_CAP } from '../matching/contact-point.repository.js';

/** A canonical contact point with the ids of the points merged into it. */
export interface ProvenancePoint {
  id: string;
  mergedFrom: string[];
  kind: 'phone' | 'address';
  e164: string | null;
  extension: string | null;
  address: Record<string, unknown> | null;
  subtype: string | null;
  carrierGroup: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  borrowerCount: number;
  sourceCount: number;
}

export interface ProvenanceObservation {
  sourceKey: string;
  sourceRecordId: string;
  version: number;
  field: string;
  observedAt: Date;
  receivedAt: Date;
  raw: string;
  borrowerRef: string;
  sourceKind: 'internal' | 'external';
}

/** A borrower whose records in one source observed a point. */
export interface SharingObservation {
  borrowerRef: string;
  sourceKey: string;
  sourceKind: 'internal' | 'external';
}

export interface ContactPointOwner {
  personId: string;
  name: string | null;
  /** Of the person and the persons merged into it, sorted. */
  borrowerRefs: string[];
}

interface PointRow {
  id: string;
  merged_from: string[];
  kind: 'phone' | 'address';
  e164: string | null;
  extension: string | null;
  address: Record<string, unknown> | null;
  subtype: string | null;
  carrier_group: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  borrower_count: number;
  source_count: number;
}

interface ObservationRow {
  source_key: string;
  source_record_id: string;
  version: number;
  field: string;
  observed_at: Date;
  received_at: Date;
  raw: string;
  borrower_ref: string;
  source_kind: 'internal' | 'external';
}

interface OwnerRow {
  person_id: string;
  name: string | null;
  borrower_refs: string[];
}

/** Reads behind "where did this number come from". */
@Injectable()
export class ProvenanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The point `id` resolves to (following merges), or undefined when there is none. */
  async findCanonicalPoint(id: string, db: Queryable = this.dataSource): Promise<ProvenancePoint | undefined> {
    const [point]: PointRow[] = await db.query(
      `WITH RECURSIVE member (id) AS (
         SELECT canonical_contact_point($1)
         UNION ALL
         SELECT merged.id FROM contact_point merged JOIN member ON merged.merged_into_id = member.id
       )
       SELECT point.*, ARRAY(SELECT id FROM member WHERE id <> point.id) AS merged_from
       FROM contact_point point WHERE point.id = (SELECT id FROM member LIMIT 1)`,
      [id],
    );
    if (!point) return undefined;
    return {
      id: point.id,
      mergedFrom: point.merged_from,
      kind: point.kind,
      e164: point.e164,
      extension: point.extension,
      address: point.address,
      subtype: point.subtype,
      carrierGroup: point.carrier_group,
      firstSeenAt: point.first_seen_at,
      lastSeenAt: point.last_seen_at,
      borrowerCount: point.borrower_count,
      sourceCount: point.source_count,
    };
  }

  /** Observations of any of the points, newest first, at most 500. */
  async observations(pointIds: readonly string[], db: Queryable = this.dataSource): Promise<ProvenanceObservation[]> {
    const rows: ObservationRow[] = await db.query(
      `SELECT observation.source_key, record.source_record_id, version.version, observation.field, observation.observed_at,
              version.received_at, observation.raw, record.borrower_ref, source.kind AS source_kind
       FROM observation
       JOIN source_record_version version ON version.id = observation.source_record_version_id
       JOIN source_record record ON record.id = version.source_record_uuid
       JOIN source ON source.key = observation.source_key
       WHERE observation.contact_point_id = ANY($1::uuid[])
       ORDER BY observation.observed_at DESC LIMIT 500`,
      [pointIds],
    );
    return rows.map((row) => ({
      sourceKey: row.source_key,
      sourceRecordId: row.source_record_id,
      version: row.version,
      field: row.field,
      observedAt: row.observed_at,
      receivedAt: row.received_at,
      raw: row.raw,
      borrowerRef: row.borrower_ref,
      sourceKind: row.source_kind,
    }));
  }

  /**
   * Which borrowers' records in which sources observed any of the points, one row per distinct triple, over the newest
   * observations the stored sharing counts are taken from (SHARING_OBSERVATION_CAP).
   */
  async sharing(pointIds: readonly string[], db: Queryable = this.dataSource): Promise<SharingObservation[]> {
    const rows: { borrower_ref: string; source_key: string; source_kind: 'internal' | 'external' }[] = await db.query(
      `SELECT DISTINCT borrower.ref AS borrower_ref, recent.source_key, source.kind AS source_kind
       FROM (SELECT borrower_id, source_key FROM observation WHERE contact_point_id = ANY($1::uuid[]) ORDER BY observed_at DESC LIMIT ${SHARING_OBSERVATION_CAP}) AS recent
       JOIN borrower ON borrower.id = recent.borrower_id
       JOIN source ON source.key = recent.source_key`,
      [pointIds],
    );
    return rows.map((row) => ({ borrowerRef: row.borrower_ref, sourceKey: row.source_key, sourceKind: row.source_kind }));
  }

  /** The canonical persons holding any of the points, with the borrowers they are linked to. */
  async owners(pointIds: readonly string[], db: Queryable = this.dataSource): Promise<ContactPointOwner[]> {
    const rows: OwnerRow[] = await db.query(
      `SELECT owner.id AS person_id, person.name,
              ARRAY(SELECT DISTINCT borrower.ref FROM borrower_person link JOIN borrower ON borrower.id = link.borrower_id
                    WHERE link.person_id = owner.id OR link.person_id IN (SELECT id FROM person WHERE merged_into_id = owner.id)
                    ORDER BY borrower.ref) AS borrower_refs
       FROM (SELECT DISTINCT canonical_person(person_id) AS id FROM person_contact_point WHERE contact_point_id = ANY($1::uuid[])) AS owner
       JOIN person ON person.id = owner.id`,
      [pointIds],
    );
    return rows.map((row) => ({ personId: row.person_id, name: row.name, borrowerRefs: row.borrower_refs }));
  }
}
