/** One record naming a side of a suggestion: which source, which of its records, when it was observed. */
export interface Sighting {
  source: string;
  sourceRecordId: string;
  observedAt: Date;
}

/** How many sightings a side shows: the newest, which are what an operator weighs first. */
export const SIGHTINGS_SHOWN = 10;

/**
 * The newest sightings, one per source record (a record naming an address twice is seen once), newest
 * first, at most `limit`. The caller passes only what the consent in force lets it show.
 */
export function newestSightings(rows: readonly { sourceKey: string; sourceRecordId: string; observedAt: Date | string }[], limit = SIGHTINGS_SHOWN): Sighting[] {
  const byRecord = new Map<string, Sighting>();
  for (const row of rows) {
    const observedAt = new Date(row.observedAt);
    const key = `${row.sourceKey}\u0000${row.sourceRecordId}`;
    const known = byRecord.get(key);
    if (!known || known.observedAt < observedAt) byRecord.set(key, { source: row.sourceKey, sourceRecordId: row.sourceRecordId, observedAt });
  }
  return [...byRecord.values()].sort((left, right) => right.observedAt.getTime() - left.observedAt.getTime() || left.source.localeCompare(right.source) || left.sourceRecordId.localeCompare(right.sourceRecordId)).slice(0, limit);
}
