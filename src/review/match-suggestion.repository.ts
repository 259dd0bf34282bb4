import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { MatchKind, SuggestionField, SuggestionStatus } from './match-suggestion.entity.js';
import { SIGHTINGS_SHOWN } from './suggestion-sightings.js';

export interface MatchSuggestion {
  id: string;
  kind: MatchKind;
  leftId: string;
  rightId: string;
  borrowerId: string | null;
  score: number;
  fields: SuggestionField[];
  status: SuggestionStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
}

/** A pair as the unique index keys it: left < right. */
export interface SuggestionPair {
  kind: MatchKind;
  leftId: string;
  rightId: string;
}

export interface StoredPair extends SuggestionPair {
  id: string;
  status: SuggestionStatus;
}

export interface NewSuggestion extends SuggestionPair {
  borrowerId: string | null;
  score: number;
  fields: SuggestionField[];
}

export interface SuggestionDecision {
  id: string;
  status: SuggestionStatus;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
}

export interface AddressSide {
  id: string;
  address: Record<string, unknown>;
  /** Distinct raw texts of its observations; null when it has none. */
  mentions: string[] | null;
  observations: number;
  /** Borrowers whose records observed it. */
  borrowerRefs: string[];
  /** Each observation: whose record, from which source and of what kind, the raw text, when (consent decides which are shown). */
  seen: { borrowerRef: string; sourceKind: 'internal' | 'external'; sourceKey: string; sourceRecordId: string; observedAt: string; raw: string }[];
}

export interface PersonSide {
  id: string;
  name: string | null;
  relations: string[];
  /** Full E.164 numbers (the caller masks them); null when the person has no phone. */
  phones: string[] | null;
  observations: number;
  /** Borrowers the person is linked to. */
  borrowerRefs: string[];
  /** Per borrower, how many records of internal and of external sources name the person. */
  seen: { borrowerId: string; internalRecords: number; externalRecords: number }[];
  /** The newest record versions naming the person: source, record, when. */
  sightings: { sourceKey: string; sourceRecordId: string; observedAt: string }[];
}

const COLUMNS = `id, kind, left_id AS "leftId", right_id AS "rightId", borrower_id AS "borrowerId", score, fields, status,
  created_at AS "createdAt", decided_at AS "decidedAt", decided_by AS "decidedBy", note`;

/** Suggestions and the reads that show an operator both sides of one. */
@Injectable()
export class MatchSuggestionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page in queue order (oldest first), after the (createdAt, id) cursor if given. */
  async findPage(
    query: { status: SuggestionStatus; kind?: MatchKind; after?: { createdAt: Date; id: string }; limit: number },
    db: Queryable = this.dataSource,
  ): Promise<MatchSuggestion[]> {
    const conditions = ['status = $1'];
    const parameters: unknown[] = [query.status];
    if (query.kind) {
      parameters.push(query.kind);
      conditions.push(`kind = $${parameters.length}`);
    }
    if (query.after) {
      parameters.push(query.after.createdAt, query.after.id);
      conditions.push(`(created_at, id) > ($${parameters.length - 1}, $${parameters.length})`);
    }
    parameters.push(query.limit);
    return db.query(`SELECT ${COLUMNS} FROM match_suggestion WHERE ${conditions.join(' AND ')} ORDER BY created_at ASC, id ASC LIMIT $${parameters.length}`, parameters);
  }

  /** Pending suggestions per kind. */
  async countPendingByKind(db: Queryable = this.dataSource): Promise<Record<MatchKind, number>> {
    const rows: { kind: MatchKind; count: number }[] = await db.query("SELECT kind, count(*)::int AS count FROM match_suggestion WHERE status = 'pending' GROUP BY kind");
    const counts: Record<MatchKind, number> = { address: 0, person: 0 };
    for (const row of rows) counts[row.kind] = row.count;
    return counts;
  }

  /** Suggestions this actor accepted or rejected since the instant given (undone ones are pending again, so not counted). */
  async countDecidedSince(actorId: string, since: Date, db: Queryable = this.dataSource): Promise<number> {
    const [{ count }]: { count: number }[] = await db.query(
      "SELECT count(*)::int AS count FROM match_suggestion WHERE decided_by = $1 AND decided_at >= $2 AND status IN ('accepted', 'rejected')",
      [actorId, since],
    );
    return count;
  }

  /** Back in the queue, as if never decided. */
  async reopen(id: string, db: Queryable = this.dataSource): Promise<void> {
    await db.query("UPDATE match_suggestion SET status = 'pending', decided_at = NULL, decided_by = NULL, note = NULL WHERE id = $1", [id]);
  }

  /** The suggestion, row-locked until the transaction ends. */
  async lockById(id: string, db: Queryable = this.dataSource): Promise<MatchSuggestion | undefined> {
    const [row]: MatchSuggestion[] = await db.query(`SELECT ${COLUMNS} FROM match_suggestion WHERE id = $1 LIMIT 1 FOR UPDATE`, [id]);
    return row;
  }

  async recordDecision(decision: SuggestionDecision, db: Queryable = this.dataSource): Promise<void> {
    await db.query('UPDATE match_suggestion SET status = $2, decided_at = $3, decided_by = $4, note = $5 WHERE id = $1', [
      decision.id,
      decision.status,
      decision.decidedAt,
      decision.decidedBy,
      decision.note,
    ]);
  }

  /** The suggestion an operator merge came from, now split; a null note keeps the decision's note. */
  async markSplit(id: string, actor: string, note: string | null, db: Queryable = this.dataSource): Promise<void> {
    await db.query(`UPDATE match_suggestion SET status = 'split', decided_at = now(), decided_by = $2, note = COALESCE($3, note) WHERE id = $1`, [id, actor, note]);
  }

  /** Stores a pair as split (inserting it if it was never suggested), so it is not raised again. */
  async rememberSplitPair(pair: SuggestionPair, actor: string, note: string | null, db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO match_suggestion (id, kind, left_id, right_id, score, fields, status, decided_at, decided_by, note)
       VALUES ($1, $2, $3, $4, 0, '[]', 'split', now(), $5, $6)
       ON CONFLICT (kind, left_id, right_id) DO UPDATE SET status = 'split', decided_at = now(), decided_by = EXCLUDED.decided_by`,
      [randomUUID(), pair.kind, pair.leftId, pair.rightId, actor, note],
    );
  }

  /** Which of these pairs are stored already, whatever their status. */
  async findExistingPairs(pairs: readonly SuggestionPair[], db: Queryable = this.dataSource): Promise<StoredPair[]> {
    return db.query(
      `SELECT id, kind, left_id AS "leftId", right_id AS "rightId", status FROM match_suggestion
       WHERE (kind, left_id, right_id) IN (SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[]))`,
      [pairs.map((pair) => pair.kind), pairs.map((pair) => pair.leftId), pairs.map((pair) => pair.rightId)],
    );
  }

  /** Adds pending suggestions; a pair stored meanwhile is left as it is. */
  async insertPending(suggestions: readonly NewSuggestion[], db: Queryable = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO match_suggestion (id, kind, left_id, right_id, borrower_id, score, fields)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::float8[], $7::jsonb[])
       ON CONFLICT (kind, left_id, right_id) DO NOTHING`,
      [
        suggestions.map(() => randomUUID()),
        suggestions.map((entry) => entry.kind),
        suggestions.map((entry) => entry.leftId),
        suggestions.map((entry) => entry.rightId),
        suggestions.map((entry) => entry.borrowerId),
        suggestions.map((entry) => entry.score),
        suggestions.map((entry) => JSON.stringify(entry.fields)),
      ],
    );
  }

  async countPending(db: Queryable = this.dataSource): Promise<number> {
    const [{ count }]: { count: number }[] = await db.query("SELECT count(*)::int AS count FROM match_suggestion WHERE status = 'pending'");
    return count;
  }

  /** Address sides: the parsed address, the raw texts sources wrote and how often it was observed. */
  async findAddressSides(contactPointIds: readonly string[], db: Queryable = this.dataSource): Promise<AddressSide[]> {
    return db.query(
      `SELECT point.id, point.address,
              (SELECT array_agg(DISTINCT raw) FROM observation WHERE contact_point_id = point.id) AS mentions,
              (SELECT count(*)::int FROM observation WHERE contact_point_id = point.id) AS observations,
              ARRAY(SELECT DISTINCT record.borrower_ref FROM observation
                    JOIN source_record_version version ON version.id = observation.source_record_version_id
                    JOIN source_record record ON record.id = version.source_record_uuid
                    WHERE observation.contact_point_id = point.id ORDER BY record.borrower_ref) AS "borrowerRefs",
              (SELECT coalesce(json_agg(json_build_object('borrowerRef', record.borrower_ref, 'sourceKind', source.kind, 'sourceKey', observation.source_key,
                                                          'sourceRecordId', record.source_record_id, 'observedAt', observation.observed_at, 'raw', observation.raw)), '[]')
               FROM observation
               JOIN source_record_version version ON version.id = observation.source_record_version_id
               JOIN source_record record ON record.id = version.source_record_uuid
               JOIN source ON source.key = observation.source_key
               WHERE observation.contact_point_id = point.id) AS seen
       FROM contact_point point WHERE point.id = ANY($1::uuid[])`,
      [contactPointIds],
    );
  }

  /** Person sides: name, relations to borrowers, phones and how many record versions name them. */
  async findPersonSides(personIds: readonly string[], db: Queryable = this.dataSource): Promise<PersonSide[]> {
    return db.query(
      `SELECT person.id, person.name,
              ARRAY(SELECT DISTINCT relation FROM borrower_person WHERE person_id = person.id) AS relations,
              (SELECT array_agg(point.e164) FROM person_contact_point owned JOIN contact_point point ON point.id = owned.contact_point_id
               WHERE owned.person_id = person.id AND point.kind = 'phone') AS phones,
              (SELECT count(*)::int FROM source_record_version WHERE person_id = person.id) AS observations,
              ARRAY(SELECT DISTINCT borrower.ref FROM borrower_person link JOIN borrower ON borrower.id = link.borrower_id
                    WHERE link.person_id = person.id ORDER BY borrower.ref) AS "borrowerRefs",
              (SELECT coalesce(json_agg(counts), '[]') FROM (
                 SELECT version.borrower_id AS "borrowerId",
                        count(DISTINCT record.id) FILTER (WHERE source.kind = 'internal')::int AS "internalRecords",
                        count(DISTINCT record.id) FILTER (WHERE source.kind = 'external')::int AS "externalRecords"
                 FROM source_record_version version
                 JOIN source_record record ON record.id = version.source_record_uuid
                 JOIN source ON source.key = record.source_key
                 WHERE version.person_id = person.id GROUP BY version.borrower_id) AS counts) AS seen,
              (SELECT coalesce(json_agg(recent), '[]') FROM (
                 SELECT record.source_key AS "sourceKey", record.source_record_id AS "sourceRecordId", version.observed_at AS "observedAt"
                 FROM source_record_version version
                 JOIN source_record record ON record.id = version.source_record_uuid
                 WHERE version.person_id = person.id ORDER BY version.observed_at DESC LIMIT ${SIGHTINGS_SHOWN}) AS recent) AS sightings
       FROM person WHERE person.id = ANY($1::uuid[])`,
      [personIds],
    );
  }
}
