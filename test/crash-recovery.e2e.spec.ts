import { afterAll, describe, expect, it } from 'vitest';
import { aSourceRecord } from './support/record-factory.js';
import { expectSharedPhoneCountedAndNothingOwed } from './support/deferred-work-assertions.js';
import { aServiceHome, cleanUpServiceProcesses, startServiceProcess, stopServiceProcess } from './support/service-process.js';

// Issue 11, part 3: the service killed (-9) right after a batch commits loses none of the batch's
// deferred work. Zero-configuration start (embedded PostgreSQL, in-process queue) as a child process.

afterAll(cleanUpServiceProcesses);

describe('kill -9 right after a batch commits', () => {
  it('runs the batch’s deferred work after the restart', async () => {
    const home = await aServiceHome();
    // Jobs would start a minute after being queued: the kill comes first.
    const first = await startServiceProcess(home, { TEST_JOB_START_DELAY_MS: '60000' });
    expect((await first.call('PUT', '/v1/sources/crash', 'admin', { system: 'sales', kind: 'internal' })).status).toBe(201);
    const shared = '13622223333';
    const ingested = await first.call('POST', '/v1/sources/crash/records', 'platform', {
      records: [
        aSourceRecord({ sourceRecordId: 'crash-a', borrower: { ref: 'CRASH-A' }, subject: { role: 'contact', name: '钱七', relation: '朋友' }, phones: [shared] }),
        aSourceRecord({ sourceRecordId: 'crash-b', borrower: { ref: 'CRASH-B' }, subject: { role: 'contact', name: '钱七', relation: '同事' }, phones: [shared] }),
      ],
    });
    expect(ingested.status).toBe(200);
    const before = await first.call('GET', '/v1/pipeline/status', 'platform');
    expect(before.body.pending).toBe(2);
    await stopServiceProcess(first.child, 'SIGKILL');

    const second = await startServiceProcess(home);
    try {
      const deadline = Date.now() + 30_000;
      let status = await second.call('GET', '/v1/pipeline/status', 'platform');
      while (status.body.pending !== 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = await second.call('GET', '/v1/pipeline/status', 'platform');
      }
      expect(status.body).toMatchObject({ pending: 0, failed: 0, queue: 'in-process' });
      await expectSharedPhoneCountedAndNothingOwed(second.databaseUrl);
    } finally {
      await stopServiceProcess(second.child, 'SIGTERM');
    }
  }, 240_000);
});
