import pg from 'pg';
import { expect } from 'vitest';

/** After deferred work: the one phone two borrowers name is counted for both, and the outbox owes nothing. */
export async function expectSharedPhoneCountedAndNothingOwed(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT max(borrower_count) AS borrowers FROM contact_point WHERE kind = 'phone'");
    expect(rows).toEqual([{ borrowers: 2 }]);
    const owed = await client.query('SELECT count(*)::int AS owed FROM outbox WHERE done_at IS NULL');
    expect(owed.rows).toEqual([{ owed: 0 }]);
  } finally {
    await client.end();
  }
}
