import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable.js';
import type { EstateLocations, ParsedAddress } from './address/index.js';
import { loadEstateLocations } from './contact-point.repository.js';
import type { LinkRelation } from './person-resolution.js';

export interface CandidatePair {
  leftId: string;
  rightId: string;
}

export interface StoredAddress {
  id: string;
  /** The parsed parts as stored (jsonb): without raw/cleaned texts. */
  address: ParsedAddress;
}

export interface BorrowerContact {
  borrowerId: string;
  personId: string;
  normalizedName: string | null;
  relation: LinkRelation;
}

export interface PersonPhone {
  personId: string;
  valueKey: string;
}

export interface SharedMobilePair extends CandidatePair {
  valueKey: string;
}

export interface PersonWithBorrowers {
  id: string;
  normalizedName: string | null;
  borrowerIds: string[];
}

/**
 * The reads of the deferred candidate search: index probes in small blocks, never a scan of all
 * addresses or persons. Which pair is the same, uncertain or different is decided by the caller.
 */
@Injectable()
export class MatchCandidateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Other addresses sharing a block key with each given one, at most `perAddress` per block. */
  async findAddressBlockPairs(contactPointIds: readonly string[], perAddress: number, db: Queryable = this.dataSource): Promise<CandidatePair[]> {
    // Equality on the block index, a bounded number per block: never a scan of all addresses.
    return db.query(
      `SELECT DISTINCT mine.contact_point_id AS "leftId", other.contact_point_id AS "rightId"
       FROM contact_point_block mine
       CROSS JOIN LATERAL (
         SELECT contact_point_id FROM contact_point_block other
         WHERE other.block_key = mine.block_key AND other.contact_point_id <> mine.contact_point_id
         LIMIT $2
       ) AS other
       WHERE mine.contact_point_id = ANY($1::uuid[])`,
      [contactPointIds, perAddress],
    );
  }

  /** Addresses not merged into another. */
  async findUnmergedAddresses(contactPointIds: readonly string[], db: Queryable = this.dataSource): Promise<StoredAddress[]> {
    return db.query('SELECT id, address FROM contact_point WHERE id = ANY($1::uuid[]) AND merged_into_id IS NULL', [contactPointIds]);
  }

  /** The street addresses these estates are known at. */
  findEstateLocations(estates: readonly { districtCode: string; community: string }[], db: Queryable = this.dataSource): Promise<EstateLocations> {
    return loadEstateLocations(db, estates);
  }

  /** Borrowers that name any of these persons as a contact. */
  async findBorrowersOfContacts(personIds: readonly string[], db: Queryable = this.dataSource): Promise<string[]> {
    const rows: { borrowerId: string }[] = await db.query(
      `SELECT DISTINCT borrower_id AS "borrowerId" FROM borrower_person WHERE person_id = ANY($1::uuid[]) AND relation <> 'self'`,
      [personIds],
    );
    return rows.map((row) => row.borrowerId);
  }

  /** Each borrower's unmerged individual contacts (not the borrower), one row per link. */
  async findContactsOfBorrowers(borrowerIds: readonly string[], db: Queryable = this.dataSource): Promise<BorrowerContact[]> {
    return db.query(
      // A probe per link (LIMIT keeps it one): never a hash join over every person.
      `SELECT link.borrower_id AS "borrowerId", person.id AS "personId", person.normalized_name AS "normalizedName", link.relation
       FROM borrower_person link
       CROSS JOIN LATERAL (
         SELECT id, normalized_name FROM person WHERE id = link.person_id AND kind = 'individual' AND merged_into_id IS NULL LIMIT 1
       ) AS person
       WHERE link.borrower_id = ANY($1::uuid[]) AND link.relation <> 'self'`,
      [borrowerIds],
    );
  }

  /** The phone value keys each person holds. */
  async findPhonesOfPersons(personIds: readonly string[], db: Queryable = this.dataSource): Promise<PersonPhone[]> {
    return db.query(
      `SELECT owned.person_id AS "personId", point.value_key AS "valueKey" FROM person_contact_point owned
       CROSS JOIN LATERAL (SELECT value_key FROM contact_point WHERE id = owned.contact_point_id AND kind = 'phone' LIMIT 1) AS point
       WHERE owned.person_id = ANY($1::uuid[])`,
      [personIds],
    );
  }

  /** Other persons holding a mobile one of these persons holds (bounded per link and overall). */
  async findSharedMobilePairs(personIds: readonly string[], db: Queryable = this.dataSource): Promise<SharedMobilePair[]> {
    return db.query(
      // LATERAL with limits: index probes per link, never a scan of the whole point or link table.
      `SELECT DISTINCT mine.person_id AS "leftId", theirs.person_id AS "rightId", point.value_key AS "valueKey"
       FROM unnest($1::uuid[]) AS wanted(person_id)
       CROSS JOIN LATERAL (SELECT person_id, contact_point_id FROM person_contact_point WHERE person_id = wanted.person_id OFFSET 0) AS mine
       CROSS JOIN LATERAL (
         SELECT value_key FROM contact_point WHERE id = mine.contact_point_id AND kind = 'phone' AND subtype = 'mobile' LIMIT 1
       ) AS point
       CROSS JOIN LATERAL (
         SELECT other.person_id FROM person_contact_point other
         WHERE other.contact_point_id = mine.contact_point_id AND other.person_id <> mine.person_id
         LIMIT 50
       ) AS theirs
       LIMIT 5000`,
      [personIds],
    );
  }

  /** Unmerged individuals with every borrower they are linked to. */
  async findUnmergedIndividuals(personIds: readonly string[], db: Queryable = this.dataSource): Promise<PersonWithBorrowers[]> {
    return db.query(
      `SELECT person.id, person.normalized_name AS "normalizedName", ARRAY(SELECT borrower_id FROM borrower_person WHERE person_id = person.id) AS "borrowerIds"
       FROM person WHERE person.id = ANY($1::uuid[]) AND person.kind = 'individual' AND person.merged_into_id IS NULL`,
      [personIds],
    );
  }

  /**
   * Per contact point (with the points merged into it), which borrowers' records observed it through which kinds of
   * source: a merge joins every observation of both points, so all of them count.
   */
  async findContactPointSourceKinds(contactPointIds: readonly string[], db: Queryable = this.dataSource): Promise<ContactPointSourceKind[]> {
    if (contactPointIds.length === 0) return [];
    return db.query(
      `WITH RECURSIVE member (root, id) AS (
         SELECT id, id FROM unnest($1::uuid[]) AS id
         UNION ALL
         SELECT member.root, merged.id FROM contact_point merged JOIN member ON merged.merged_into_id = member.id
       )
       -- Observations probed per point (OFFSET 0 keeps it a probe, not a hash join over every observation).
       SELECT DISTINCT member.root AS "contactPointId", seen.borrower_id AS "borrowerId", source.kind AS "sourceKind"
       FROM member
       CROSS JOIN LATERAL (SELECT borrower_id, source_key FROM observation WHERE contact_point_id = member.id OFFSET 0) AS seen
       JOIN source ON source.key = seen.source_key`,
      [contactPointIds],
    );
  }

  /** Per person and borrower, how many records of internal and of external sources name the person. */
  async findPersonSourceCounts(personIds: readonly string[], db: Queryable = this.dataSource): Promise<PersonSourceCount[]> {
    if (personIds.length === 0) return [];
    return db.query(
      `SELECT version.person_id AS "personId", version.borrower_id AS "borrowerId",
              count(DISTINCT record.id) FILTER (WHERE source.kind = 'internal')::int AS "internalRecords",
              count(DISTINCT record.id) FILTER (WHERE source.kind = 'external')::int AS "externalRecords"
       FROM source_record_version version
       JOIN source_record record ON record.id = version.source_record_uuid
       JOIN source ON source.key = record.source_key
       WHERE version.person_id = ANY($1::uuid[])
       GROUP BY version.person_id, version.borrower_id`,
      [personIds],
    );
  }
}

/** One borrower naming a contact point (or a point merged into it) through sources of one kind. */
export interface ContactPointSourceKind {
  contactPointId: string;
  borrowerId: string;
  sourceKind: 'internal' | 'external';
}

export interface PersonSourceCount {
  personId: string;
  borrowerId: string;
  internalRecords: number;
  externalRecords: number;
}
