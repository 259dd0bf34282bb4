import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { compareText } from '../common/objects.js';
import type { Queryable } from '../database/queryable.js';
import { type EstateLocation, type EstateLocations, estateKey, locationKey, type StreetAddress } from './address/index.js';
import { type ContactPointKind, type ContactPointRow, pointKey, storedNamesStreet } from './contact-point-rows.js';

// Its home is borrower-ref.repository.ts; re-exported for the callers that import it from here.

/**
 * Past this many observations a point is counted from its newest ones only: a number or address
 * named that often is shared far and wide whatever the exact count, and the cost stays bounded.
 */
export const SHARING_OBSERVATION_CAP = 2_000;

/**
 * Contact points (phones and dwellings), their candidate blocks, the estate locations addresses
 * teach, and the sharing counts. The functions below are the same statements for callers that
 * hold a Queryable but no repository.
 */
@Injectable()
export class ContactPointRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** pointKey -> id for every point, creating the new ones; see ensureContactPoints. */
  ensure(points: readonly ContactPointRow[], db: Queryable = this.dataSource): Promise<Map<string, string>> {
    return ensureContactPoints(db, points);
  }

  ensureEstateLocations(locations: readonly EstateLocation[], db: Queryable = this.dataSource): Promise<void> {
    return ensureEstateLocations(db, locations);
  }

  findEstateLocations(estates: readonly { districtCode: string; community: string }[], db: Queryable = this.dataSource): Promise<EstateLocations> {
    return loadEstateLocations(db, estates);
  }

  /** Row-locks the points until the transaction ends, in key order so concurrent refreshes never deadlock. */
  async lockInKeyOrder(contactPointIds: readonly string[], db: Queryable): Promise<void> {
    await db.query('SELECT 1 FROM contact_point WHERE id = ANY($1::uuid[]) ORDER BY kind, value_key FOR UPDATE', [contactPointIds]);
  }

  /**
   * Recounts the distinct borrowers and sources among each point's newest observations and widens
   * its seen span; returns how many points changed (unchanged rows are not written).
   */
  async refreshSharing(contactPointIds: readonly string[], db: Queryable = this.dataSource): Promise<number> {
    const [, affected] = (await db.query(
      `UPDATE contact_point point
       SET borrower_count = counts.borrowers, source_count = counts.sources,
           first_seen_at = LEAST(point.first_seen_at, counts.first_seen_at), last_seen_at = GREATEST(point.last_seen_at, counts.last_seen_at)
       FROM (
         SELECT target.id AS contact_point_id, count(DISTINCT recent.borrower_id) AS borrowers, count(DISTINCT recent.source_key) AS sources,
                (SELECT min(observed_at) FROM observation WHERE contact_point_id = target.id) AS first_seen_at,
                max(recent.observed_at) AS last_seen_at
         FROM unnest($1::uuid[]) AS target(id)
         CROSS JOIN LATERAL (
           SELECT borrower_id, source_key, observed_at FROM observation
           WHERE contact_point_id = target.id ORDER BY observed_at DESC LIMIT ${SHARING_OBSERVATION_CAP}
         ) AS recent
         GROUP BY target.id
       ) AS counts
       -- point.id = ANY repeats the join for the planner: an index lookup of the points, not a scan of them all.
       WHERE point.id = counts.contact_point_id AND point.id = ANY($1::uuid[])
         AND (point.borrower_count, point.source_count, point.first_seen_at, point.last_seen_at)
             IS DISTINCT FROM (counts.borrowers, counts.sources, LEAST(point.first_seen_at, counts.first_seen_at), GREATEST(point.last_seen_at, counts.last_seen_at))`,
      [contactPointIds],
    )) as [unknown, number];
    return affected;
  }
}

/**
 * Creates the contact points that do not exist yet and returns the id of every one (pointKey -> id;
 * a point merged into another keeps its own id, reads resolve it). New points get their candidate
 * blocks in the same statement. Existing rows are not updated, so no row lock is taken (save the rare
 * dwelling completed with its street address, below): first and last seen and the sharing counts are
 * refreshed by the deferred sharing job.
 *
 * Run outside the ingest transaction, a concurrent batch naming the same new point waits only
 * for this one statement, not for the other's whole transaction.
 */
export async function ensureContactPoints(executor: Queryable, unsorted: readonly ContactPointRow[]): Promise<Map<string, string>> {
  if (unsorted.length === 0) return new Map();
  // Key order: concurrent inserts of shared keys take their locks in the same order.
  const points = [...unsorted].sort((left, right) => compareText(pointKey(left.kind, left.valueKey), pointKey(right.kind, right.valueKey)));
  const blocks = points.flatMap((point, index) => point.blockKeys.map((key) => ({ index, key })));
  await executor.query(
    `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::text[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::jsonb[], $9::varchar[], $10::timestamptz[], $11::timestamptz[])
         AS row(id, kind, value_key, e164, extension, subtype, carrier_group, address, district_code, first_seen_at, last_seen_at)
     ),
     inserted AS (
       INSERT INTO contact_point (id, kind, value_key, e164, extension, subtype, carrier_group, address, district_code, first_seen_at, last_seen_at)
       SELECT * FROM input
       ON CONFLICT (kind, value_key) DO NOTHING
       RETURNING id
     )
     INSERT INTO contact_point_block (block_key, contact_point_id)
     SELECT block.key, inserted.id
     FROM unnest($12::int[], $13::text[]) AS block(position, key)
     JOIN inserted ON inserted.id = ($1::uuid[])[block.position]
     ORDER BY 1, 2
     ON CONFLICT DO NOTHING`,
    [
      points.map(() => timeOrderedId()),
      points.map((point) => point.kind),
      points.map((point) => point.valueKey),
      points.map((point) => point.e164),
      points.map((point) => point.extension),
      points.map((point) => point.subtype),
      points.map((point) => point.carrierGroup),
      points.map((point) => point.address),
      points.map((point) => point.districtCode),
      points.map((point) => point.firstSeenAt),
      points.map((point) => point.lastSeenAt),
      blocks.map((block) => block.index + 1),
      blocks.map((block) => block.key),
    ],
  );
  const rows: { id: string; kind: ContactPointKind; value_key: string }[] = await executor.query(
    `SELECT point.id, point.kind, point.value_key FROM unnest($1::varchar[], $2::text[]) AS wanted(kind, value_key)
     CROSS JOIN LATERAL (SELECT id, kind, value_key FROM contact_point WHERE kind = wanted.kind AND value_key = wanted.value_key LIMIT 1) AS point`,
    [points.map((point) => point.kind), points.map((point) => point.valueKey)],
  );
  const ids = new Map(rows.map((row) => [pointKey(row.kind, row.value_key), row.id]));
  await completeStreetAddresses(
    executor,
    points.filter((point) => point.kind === 'address' && storedNamesStreet(point.address)).map((point) => ({ ...point, id: ids.get(pointKey(point.kind, point.valueKey)) as string })),
  );
  return ids;
}

/**
 * A dwelling stored from a writing without its street address takes it from a later writing of the same
 * flat (same dwelling key), with the candidate blocks it adds: the comparison then sees the street on
 * both sides (an estate typo at the same street address merges). Only rows that lack it are touched
 * (and locked), in id order, like the inserts.
 */
async function completeStreetAddresses(executor: Queryable, unsorted: readonly (ContactPointRow & { id: string })[]): Promise<void> {
  const points = unsorted.filter((point) => point.id !== undefined).sort((left, right) => compareText(left.id, right.id));
  if (points.length === 0) return;
  const blocks = points.flatMap((point, index) => point.blockKeys.map((key) => ({ index, key })));
  await executor.query(
    `WITH completed AS (
       UPDATE contact_point point SET address = input.address
       FROM unnest($1::uuid[], $2::jsonb[]) AS input(id, address)
       WHERE point.id = input.id AND point.kind = 'address' AND point.address ? 'community'
         AND NOT (point.address ? 'road' AND point.address ? 'roadNumber')
       RETURNING point.id
     )
     INSERT INTO contact_point_block (block_key, contact_point_id)
     SELECT block.key, completed.id
     FROM unnest($3::int[], $4::text[]) AS block(position, key)
     JOIN completed ON completed.id = ($1::uuid[])[block.position]
     ORDER BY 1, 2
     ON CONFLICT DO NOTHING`,
    [points.map((point) => point.id), points.map((point) => point.address), blocks.map((block) => block.index + 1), blocks.map((block) => block.key)],
  );
}

/** Records which street addresses estates were written with; known pairs are left alone (no row lock). */
export async function ensureEstateLocations(executor: Queryable, unsorted: readonly EstateLocation[]): Promise<void> {
  if (unsorted.length === 0) return;
  // Key order, like contact points: concurrent batches insert shared rows in one order.
  const locations = [...unsorted].sort((left, right) => compareText(locationKey(left), locationKey(right)));
  await executor.query(
    `INSERT INTO estate_location (district_code, community, road, road_number)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])
     ON CONFLICT DO NOTHING`,
    [locations.map((row) => row.districtCode), locations.map((row) => row.community), locations.map((row) => row.road), locations.map((row) => row.roadNumber)],
  );
}

/** The street addresses each estate named is known at (estateKey -> streets); estates never seen with one are absent. */
export async function loadEstateLocations(executor: Queryable, estates: readonly { districtCode: string; community: string }[]): Promise<EstateLocations> {
  const locations = new Map<string, StreetAddress[]>();
  const wanted = [...new Map(estates.map((estate) => [estateKey(estate.districtCode, estate.community), estate])).values()];
  if (wanted.length === 0) return locations;
  const rows: { district_code: string; community: string; road: string; road_number: string }[] = await executor.query(
    `SELECT location.district_code, location.community, location.road, location.road_number
     FROM unnest($1::varchar[], $2::varchar[]) AS wanted(district_code, community)
     JOIN estate_location location ON location.district_code = wanted.district_code AND location.community = wanted.community`,
    [wanted.map((estate) => estate.districtCode), wanted.map((estate) => estate.community)],
  );
  for (const row of rows) {
    const key = estateKey(row.district_code, row.community);
    locations.set(key, [...(locations.get(key) ?? []), { road: row.road, roadNumber: row.road_number }]);
  }
  return locations;
}
