import { timeOrderedId } from '../common/time-ordered-id.js';
import { compareText } from '../common/objects.js';
import type { Queryable } from '../database/queryable.js';
import { type EstateLocation, type EstateLocations, estateKey, locationKey, type StreetAddress } from './address/index.js';
import { type ContactPointRow, pointKey } from './contact-point-rows.js';


/**
 * Creates the contact points that do not exist yet and returns the id of every one (pointKey -> id;
 * a point merged into another keeps its own id, reads resolve it). New points get their candidate
 * blocks in the same statement. Existing rows are not updated, so no row lock is taken: first and
 * last seen and the sharing counts are refreshed by the deferred sharing job.
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
  const rows: { id: string; kind: 'phone' | 'address'; value_key: string }[] = await executor.query(
    `SELECT point.id, point.kind, point.value_key FROM unnest($1::varchar[], $2::text[]) AS wanted(kind, value_key)
     CROSS JOIN LATERAL (SELECT id, kind, value_key FROM contact_point WHERE kind = wanted.kind AND value_key = wanted.value_key LIMIT 1) AS point`,
    [points.map((point) => point.kind), points.map((point) => point.valueKey)],
  );
  return new Map(rows.map((row) => [pointKey(row.kind, row.value_key), row.id]));
}

/** Borrowers by reference, created when new (ref -> id); like contact points, outside the ingest transaction. */
export async function ensureBorrowers(executor: Queryable, refs: readonly string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const existing: { id: string; ref: string }[] = await executor.query('SELECT id, ref FROM borrower WHERE ref = ANY($1::text[])', [refs]);
  const ids = new Map(existing.map((row) => [row.ref, row.id]));
  const missing = refs.filter((ref) => !ids.has(ref)).sort(compareText);
  if (missing.length === 0) return ids;
  await executor.query('INSERT INTO borrower (id, ref) SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT (ref) DO NOTHING', [missing.map(() => timeOrderedId()), missing]);
  const created: { id: string; ref: string }[] = await executor.query('SELECT id, ref FROM borrower WHERE ref = ANY($1::text[])', [missing]);
  for (const row of created) ids.set(row.ref, row.id);
  return ids;
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
