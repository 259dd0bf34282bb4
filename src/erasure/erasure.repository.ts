import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { ErasureStatus } from './erasure-request.entity.js';

export interface NewErasureRequest {
  id: string;
  borrowerRef: string;
  borrowerPseudonym: string;
  reason: string;
  legalBasis: string;
  origin: 'request' | 'retention';
  requestedBy: string;
}

export interface ErasureRequest extends NewErasureRequest {
  borrowerRef: string;
  status: ErasureStatus;
  counts: Record<string, number>;
  error: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface ErasureRequestRow {
  id: string;
  borrower_ref: string | null;
  borrower_pseudonym: string;
  reason: string;
  legal_basis: string;
  origin: 'request' | 'retention';
  requested_by: string;
  status: ErasureStatus;
  counts: Record<string, number>;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** What an erasure removed, anonymised or kept, by kind; and the shared contact points whose sharing counts changed. */
export interface ErasureOutcome {
  counts: Record<string, number>;
  sharedContactPointIds: string[];
}

/** Deletes in batches so one purge never holds a long lock. */
const PURGE_BATCH = 5_000;

const affected = (result: unknown): number => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

@Injectable()
export class ErasureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertRequest(request: NewErasureRequest, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO erasure_request (id, borrower_ref, borrower_pseudonym, reason, legal_basis, origin, requested_by, status, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', now())`,
      [request.id, request.borrowerRef, request.borrowerPseudonym, request.reason, request.legalBasis, request.origin, request.requestedBy],
    );
  }

  async findRequest(id: string, db: Queryable = this.dataSource): Promise<(Omit<ErasureRequest, 'borrowerRef'> & { borrowerRef: string | null }) | undefined> {
    const [row]: ErasureRequestRow[] = await db.query('SELECT * FROM erasure_request WHERE id = $1', [id]);
    if (!row) return undefined;
    return {
      id: row.id,
      borrowerRef: row.borrower_ref,
      borrowerPseudonym: row.borrower_pseudonym,
      reason: row.reason,
      legalBasis: row.legal_basis,
      origin: row.origin,
      requestedBy: row.requested_by,
      status: row.status,
      counts: row.counts,
      error: row.error,
      requestedAt: row.requested_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
    };
  }

  /** Locks the request for the erasure transaction; undefined when it is gone or already completed. */
  async lockPending(id: string, db: Queryable): Promise<{ borrowerRef: string | null; borrowerPseudonym: string } | undefined> {
    const [row]: Pick<ErasureRequestRow, 'borrower_ref' | 'borrower_pseudonym'>[] = await db.query(
      "SELECT borrower_ref, borrower_pseudonym FROM erasure_request WHERE id = $1 AND status <> 'completed' FOR UPDATE",
      [id],
    );
    return row ? { borrowerRef: row.borrower_ref, borrowerPseudonym: row.borrower_pseudonym } : undefined;
  }

  async markRunning(id: string, db: Queryable = this.dataSource): Promise<void> {
    await db.query("UPDATE erasure_request SET status = 'running', started_at = COALESCE(started_at, now()), error = NULL WHERE id = $1 AND status <> 'completed'", [id]);
  }

  /** Completed: the ref is forgotten, only the pseudonym remains. */
  async markCompleted(id: string, counts: Record<string, number>, db: Queryable = this.dataSource): Promise<void> {
    await db.query("UPDATE erasure_request SET status = 'completed', borrower_ref = NULL, counts = $2, error = NULL, finished_at = now() WHERE id = $1", [
      id,
      JSON.stringify(counts),
    ]);
  }

  async markFailed(id: string, error: string, db: Queryable = this.dataSource): Promise<void> {
    await db.query("UPDATE erasure_request SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status <> 'completed'", [id, error]);
  }

  /** Requests of these borrowers not finished yet (queued, running or failed and waiting for a retry). */
  async openRequestRefs(refs: readonly string[], db: Queryable = this.dataSource): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const rows: { borrower_ref: string }[] = await db.query(
      "SELECT DISTINCT borrower_ref FROM erasure_request WHERE borrower_ref = ANY($1::varchar[]) AND status IN ('queued', 'running')",
      [refs],
    );
    return new Set(rows.map((row) => row.borrower_ref));
  }

  async setRelationshipEnd(borrowerId: string, endedAt: Date | null, updatedBy: string, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO borrower_relationship (borrower_id, ended_at, updated_at, updated_by) VALUES ($1, $2, now(), $3)
       ON CONFLICT (borrower_id) DO UPDATE SET ended_at = EXCLUDED.ended_at, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [borrowerId, endedAt, updatedBy],
    );
  }

  /** Borrowers whose relationship ended before `cutoff`, oldest first. */
  async closedBefore(cutoff: Date, limit: number, db: Queryable = this.dataSource): Promise<{ ref: string; endedAt: Date }[]> {
    const rows: { ref: string; ended_at: Date }[] = await db.query(
      `SELECT borrower.ref, relationship.ended_at FROM borrower_relationship relationship JOIN borrower ON borrower.id = relationship.borrower_id
       WHERE relationship.ended_at < $1 ORDER BY relationship.ended_at LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((row) => ({ ref: row.ref, endedAt: row.ended_at }));
  }

  /** Deletes one batch of quarantined records received before `cutoff`; how many. */
  async purgeQuarantineBatch(cutoff: Date, db: Queryable = this.dataSource): Promise<number> {
    return affected(
      await db.query(
        'DELETE FROM quarantined_record WHERE id IN (SELECT id FROM quarantined_record WHERE received_at < $1 ORDER BY id LIMIT $2)',
        [cutoff, PURGE_BATCH],
      ),
    );
  }

  /**
   * Deletes one batch of superseded raw versions (a newer version of the same record exists)
   * received before `cutoff`, with the observations read from them: the newer version names again
   * whatever the source still says. Returns how many versions went and the contact points whose
   * sharing counts may have changed.
   */
  async purgeSupersededVersionsBatch(cutoff: Date, db: Queryable = this.dataSource): Promise<{ versions: number; contactPointIds: string[] }> {
    const [row]: { versions: number; contact_point_ids: string[] }[] = await db.query(
      `WITH doomed AS (
         SELECT version.id FROM source_record_version version JOIN source_record record ON record.id = version.source_record_uuid
         WHERE version.received_at < $1 AND version.version < record.current_version ORDER BY version.id LIMIT $2
       ), observations AS (
         DELETE FROM observation WHERE source_record_version_id IN (SELECT id FROM doomed) RETURNING contact_point_id
       ), versions AS (
         DELETE FROM source_record_version WHERE id IN (SELECT id FROM doomed) RETURNING id
       )
       SELECT (SELECT count(*) FROM versions)::int AS versions,
              ARRAY(SELECT DISTINCT contact_point_id FROM observations WHERE contact_point_id IS NOT NULL) AS contact_point_ids`,
      [cutoff, PURGE_BATCH],
    );
    return { versions: row.versions, contactPointIds: row.contact_point_ids };
  }

  /** Points no observation names any more count no borrower or source (the sharing refresh only sees observed points). */
  async clearSharingOfUnobserved(contactPointIds: readonly string[], db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE contact_point point SET borrower_count = 0, source_count = 0
       WHERE point.id = ANY($1::uuid[]) AND (point.borrower_count, point.source_count) <> (0, 0)
         AND NOT EXISTS (SELECT 1 FROM observation WHERE observation.contact_point_id = point.id)`,
      [contactPointIds],
    );
  }

  /**
   * Removes or irreversibly anonymises everything that identifies the borrower or the persons reached
   * only through the borrower, in the caller's transaction. Data another borrower also names stays,
   * without the erased borrower's observations, records or links.
   */
  async eraseBorrower(borrowerId: string, borrowerRef: string, pseudonym: string, pseudonymLabel: string, erasureId: string, db: Queryable): Promise<ErasureOutcome> {
    const counts: Record<string, number> = {};
    const count = async (key: string, sql: string, parameters: unknown[]) => {
      counts[key] = (counts[key] ?? 0) + affected(await db.query(sql, parameters));
    };
    // Waits for ingest transactions writing for the borrower (their foreign key checks share-lock it) and holds off new ones.
    const locked: unknown[] = await db.query('SELECT id FROM borrower WHERE id = $1 FOR UPDATE', [borrowerId]);
    if (locked.length === 0) {
      // Erased by a concurrent request while this one waited: only events written since remain.
      return { counts: { auditEventsPseudonymised: await this.pseudonymiseAudit(borrowerRef, pseudonymLabel, [], db) }, sharedContactPointIds: [] };
    }

    // Persons reached through the borrower, and those no other borrower names.
    const personRows: { id: string; exclusive: boolean }[] = await db.query(
      `WITH mine AS (
         SELECT person_id AS id FROM borrower_person WHERE borrower_id = $1
         UNION SELECT person_id FROM observation WHERE borrower_id = $1
         UNION SELECT person_id FROM source_record_version WHERE borrower_id = $1
       )
       SELECT mine.id,
              NOT EXISTS (SELECT 1 FROM borrower_person other WHERE other.person_id = mine.id AND other.borrower_id <> $1)
              AND NOT EXISTS (SELECT 1 FROM observation other WHERE other.person_id = mine.id AND other.borrower_id <> $1) AS exclusive
       FROM mine`,
      [borrowerId],
    );
    const persons = personRows.filter((row) => row.exclusive).map((row) => row.id);
    const pointRows: { id: string; exclusive: boolean }[] = await db.query(
      `WITH mine AS (
         SELECT contact_point_id AS id FROM observation WHERE borrower_id = $1 AND contact_point_id IS NOT NULL
         UNION SELECT contact_point_id FROM person_contact_point WHERE person_id = ANY($2::uuid[])
       )
       SELECT mine.id,
              NOT EXISTS (SELECT 1 FROM observation other WHERE other.contact_point_id = mine.id AND other.borrower_id <> $1)
              AND NOT EXISTS (SELECT 1 FROM person_contact_point link WHERE link.contact_point_id = mine.id AND NOT (link.person_id = ANY($2::uuid[]))) AS exclusive
       FROM mine`,
      [borrowerId, persons],
    );
    const points = pointRows.filter((row) => row.exclusive).map((row) => row.id);
    const sharedContactPointIds = pointRows.filter((row) => !row.exclusive).map((row) => row.id);
    const erasedIds = [...persons, ...points];

    // Raw data: quarantine, versions (payloads), records, observations.
    await count(
      'quarantinedRecords',
      `DELETE FROM quarantined_record quarantined WHERE quarantined.payload -> 'borrower' ->> 'ref' = $1
         OR EXISTS (SELECT 1 FROM source_record record WHERE record.borrower_ref = $1
                    AND record.source_key = quarantined.source_key AND record.source_record_id = quarantined.source_record_id)`,
      [borrowerRef],
    );
    await count('observations', 'DELETE FROM observation WHERE borrower_id = $1 OR person_id = ANY($2::uuid[]) OR contact_point_id = ANY($3::uuid[])', [
      borrowerId,
      persons,
      points,
    ]);
    await count('sourceRecordVersions', 'DELETE FROM source_record_version WHERE borrower_id = $1 OR person_id = ANY($2::uuid[])', [borrowerId, persons]);
    await count('sourceRecords', 'DELETE FROM source_record WHERE borrower_ref = $1', [borrowerRef]);

    // Work on the borrower: attempts, leads and their notes, status, repair runs.
    const [attemptRows]: [{ id: string }[], number] = await db.query(
      `DELETE FROM contact_attempt WHERE borrower_id = $1 OR contact_point_id = ANY($2::uuid[]) OR contacted_person_id = ANY($3::uuid[]) RETURNING id`,
      [borrowerId, points, persons],
    );
    counts.contactAttempts = attemptRows.length;
    await count('leads', 'DELETE FROM lead WHERE borrower_id = $1 OR attempt_id = ANY($2::uuid[]) OR informant_person_id = ANY($3::uuid[])', [
      borrowerId,
      attemptRows.map((row) => row.id),
      persons,
    ]);
    await count('contactPreferences', 'DELETE FROM contact_preference WHERE person_id = ANY($1::uuid[])', [persons]);
    await count('borrowerStatuses', 'DELETE FROM borrower_status WHERE borrower_id = $1', [borrowerId]);
    await count('repairRuns', 'DELETE FROM repair_run WHERE borrower_id = $1', [borrowerId]);
    // external_inquiry rows stay: they name no one (the internal id only) and are the record of each lawful call.
    await count('staleFlags', 'DELETE FROM stale_flag WHERE borrower_id = $1', [borrowerId]);
    // Webhook payloads name the borrower by ref (masked values only): what was sent is gone with it.
    await count('webhookDeliveries', "DELETE FROM webhook_delivery WHERE payload ->> 'borrowerRef' = $1", [borrowerRef]);

    // Review: suggestions and merges about the borrower or what goes with it.
    await count('matchSuggestions', 'DELETE FROM match_suggestion WHERE borrower_id = $1 OR left_id = ANY($2::uuid[]) OR right_id = ANY($2::uuid[])', [
      borrowerId,
      erasedIds,
    ]);
    await count('merges', 'DELETE FROM merge WHERE survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[])', [erasedIds]);

    // Persons and contact points no other borrower names. What was merged into them stands on its own again.
    await count('personContactPoints', 'DELETE FROM person_contact_point WHERE person_id = ANY($1::uuid[]) OR contact_point_id = ANY($2::uuid[])', [persons, points]);
    await db.query('UPDATE person SET merged_into_id = NULL WHERE merged_into_id = ANY($1::uuid[]) AND NOT (id = ANY($1::uuid[]))', [persons]);
    await db.query('UPDATE contact_point SET merged_into_id = NULL WHERE merged_into_id = ANY($1::uuid[]) AND NOT (id = ANY($1::uuid[]))', [points]);
    await count(
      'estateLocations',
      `DELETE FROM estate_location estate USING (
         SELECT DISTINCT district_code, address ->> 'community' AS community, address ->> 'road' AS road, address ->> 'roadNumber' AS road_number
         FROM contact_point WHERE id = ANY($1::uuid[]) AND kind = 'address') AS gone
       WHERE estate.district_code = gone.district_code AND estate.community = gone.community AND estate.road = gone.road AND estate.road_number = gone.road_number
         AND NOT EXISTS (SELECT 1 FROM contact_point point WHERE point.kind = 'address' AND point.district_code = estate.district_code
                         AND point.address ->> 'community' = estate.community AND point.address ->> 'road' = estate.road
                         AND point.address ->> 'roadNumber' = estate.road_number AND NOT (point.id = ANY($1::uuid[])))`,
      [points],
    );
    await db.query('DELETE FROM contact_point_block WHERE contact_point_id = ANY($1::uuid[])', [points]);
    await count('contactPoints', 'DELETE FROM contact_point WHERE id = ANY($1::uuid[])', [points]);
    await count('borrowerPersons', 'DELETE FROM borrower_person WHERE borrower_id = $1 OR person_id = ANY($2::uuid[])', [borrowerId, persons]);
    await count('persons', 'DELETE FROM person WHERE id = ANY($1::uuid[])', [persons]);

    // Consent: a minimal proof that it existed (dates, flags, a hash of the evidence reference).
    const proofs: unknown[] = await db.query(
      `INSERT INTO consent_proof (borrower_pseudonym, external_sources, third_party_contact, evidence_ref_hash, granted_at, recorded_at, erasure_id)
       SELECT $2, external_sources, third_party_contact, encode(sha256(convert_to(evidence_ref, 'UTF8')), 'hex'), granted_at, recorded_at, $3
       FROM consent WHERE borrower_id = $1 ORDER BY id RETURNING id`,
      [borrowerId, pseudonym, erasureId],
    );
    counts.consentProofsKept = proofs.length;
    await count('consents', 'DELETE FROM consent WHERE borrower_id = $1', [borrowerId]);
    await db.query('DELETE FROM borrower_relationship WHERE borrower_id = $1', [borrowerId]);
    await count('borrowers', 'DELETE FROM borrower WHERE id = $1', [borrowerId]);

    counts.auditEventsPseudonymised = await this.pseudonymiseAudit(borrowerRef, pseudonymLabel, erasedIds, db);
    counts.sharedContactPointsKept = sharedContactPointIds.length;
    return { counts, sharedContactPointIds };
  }

  /**
   * The audit log keeps every event; in those naming the borrower (or an erased person or point) the
   * personal columns get the pseudonym and details keep only numbers and flags. The one update its
   * trigger allows, and only in this transaction.
   */
  async pseudonymiseAudit(borrowerRef: string, pseudonymLabel: string, erasedIds: readonly string[], db: Queryable): Promise<number> {
    await db.query("SELECT set_config('contact_recovery.erasure', 'on', true)");
    const result = await db.query(
      `UPDATE audit_event SET
         borrower_ref = CASE WHEN borrower_ref = $1 THEN $2 ELSE borrower_ref END,
         target_id = CASE WHEN target_id = $1 THEN $2 ELSE target_id END,
         purpose = CASE WHEN purpose IS NULL THEN NULL ELSE '[erased]' END,
         details = COALESCE((SELECT jsonb_object_agg(entry.key, entry.value) FROM jsonb_each(details) AS entry
                             WHERE jsonb_typeof(entry.value) IN ('number', 'boolean')), '{}'::jsonb) || '{"erased": true}'::jsonb
       WHERE borrower_ref = $1 OR target_id = $1 OR target_id = ANY($3::text[])
          OR strpos(details::text, to_jsonb($1::text)::text) > 0`,
      [borrowerRef, pseudonymLabel, erasedIds],
    );
    await db.query("SELECT set_config('contact_recovery.erasure', 'off', true)");
    return affected(result);
  }
}
