/**
 * One upsert cannot touch a row twice, so repeated ids in a batch go in successive rounds:
 * a repeat identical to the previous occurrence is a duplicate, a changed one a later version, in batch order.
 */
export function intoRounds<T extends { payload: { sourceRecordId: string }; hash: string }>(records: T[]): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, { count: number; lastHash: string }>();
  for (const record of records) {
    const entry = seen.get(record.payload.sourceRecordId);
    // Compared with the previous occurrence only, so the batch's last word is the current version.
    if (entry?.lastHash === record.hash) continue;
    const round = entry?.count ?? 0;
    (rounds[round] ??= []).push(record);
    seen.set(record.payload.sourceRecordId, { count: round + 1, lastHash: record.hash });
  }
  return rounds;
}
