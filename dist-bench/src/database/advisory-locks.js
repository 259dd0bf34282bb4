import { createHash } from 'node:crypto';
/** Few enough that one transaction never exhausts PostgreSQL's lock table. */
const LOCK_BUCKETS = 128;
const LOCK_NAMESPACE = 7_100_000;
function bucket(key) {
    return createHash('md5').update(key).digest().readUInt32BE(0) % LOCK_BUCKETS;
}
/**
 * Serialises transactions that touch the same keys (borrowers, phone numbers) until commit.
 * Keys are hashed into buckets and locked in ascending order, so two transactions never deadlock.
 */
export async function lockKeys(manager, keys) {
    const buckets = [...new Set([...keys].map(bucket))].sort((left, right) => left - right).map((value) => LOCK_NAMESPACE + value);
    if (buckets.length === 0)
        return;
    await manager.query('SELECT pg_advisory_xact_lock(key) FROM (SELECT key FROM unnest($1::bigint[]) AS key ORDER BY key OFFSET 0) AS sorted', [buckets]);
}
//# sourceMappingURL=advisory-locks.js.map