import type { Provider } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditEventRepository } from '../../src/audit/audit-event.repository.js';
import { AuditService } from '../../src/audit/audit.service.js';
import type { Principal } from '../../src/auth/principal.js';
import { openDataSource } from '../../src/database/data-source-options.js';
import { Transactions } from '../../src/database/transactions.service.js';
import { IngestBatchRepository } from '../../src/ingest/ingest-batch.repository.js';
import { IngestPipelineService } from '../../src/ingest/ingest-pipeline.service.js';
import { BorrowerRepository } from '../../src/borrowers/borrower.repository.js';
import { ContactPointSharingService } from '../../src/matching/contact-point-sharing.service.js';
import { ContactPointRepository } from '../../src/matching/contact-point.repository.js';
import { ContactResolutionService } from '../../src/matching/contact-resolution.service.js';
import { ObservationRepository } from '../../src/matching/observation.repository.js';
import { PersonRepository } from '../../src/matching/person.repository.js';
import type { JobName } from '../../src/queue/job-definitions.js';
import { MessageQueueService } from '../../src/queue/message-queue.service.js';
import { OUTBOX_OPTIONS, OutboxDispatcher } from '../../src/queue/outbox-dispatcher.service.js';
import { OutboxRepository } from '../../src/queue/outbox.repository.js';
import { SourceRecordRepository } from '../../src/records/source-record.repository.js';
import { DeclaredSourcesService } from '../../src/sources/declared-sources.service.js';
import { SourceRepository } from '../../src/sources/source.repository.js';
import { SourcesService } from '../../src/sources/sources.service.js';
import { createTestDatabase } from '../support/test-database.js';

export const PLATFORM: Principal = { id: 'platform-1', role: 'platform' };
const ADMIN: Principal = { id: 'admin-1', role: 'admin' };

export interface EnqueuedJob {
  name: JobName;
  data: unknown;
}

export interface IngestPipelineContext {
  dataSource: DataSource;
  pipeline: IngestPipelineService;
  sharing: ContactPointSharingService;
  /** What the pipeline enqueued, in order; nothing runs them unless a test does. */
  jobs: EnqueuedJob[];
  /** Any provider of the module, the extra ones included. */
  moduleRef: TestingModule;
  close(): Promise<void>;
}

/**
 * The ingest pipeline and the sharing refresh as the app wires them, over a fresh database, with
 * the given sources registered. Deferred jobs are recorded, not run, so a test decides when they run.
 * `extraProviders` wire more of the app over the same database (a repository or service under test).
 */
export async function createIngestPipelineContext(sourceKeys: string[], extraProviders: Provider[] = []): Promise<IngestPipelineContext> {
  const database = await createTestDatabase();
  const dataSource = await openDataSource({ url: database.url, poolSize: 4 });
  const jobs: EnqueuedJob[] = [];
  const moduleRef: TestingModule = await Test.createTestingModule({
    providers: [
      { provide: getDataSourceToken(), useValue: dataSource },
      { provide: DeclaredSourcesService, useValue: { sources: [] } },
      {
        provide: MessageQueueService,
        useValue: {
          durable: true,
          enqueue: async (name: JobName, data: unknown) => {
            jobs.push({ name, data });
            return `job-${jobs.length}`;
          },
        },
      },
      // The pipeline writes its jobs to the outbox; handing them over (right after the commit) records them here.
      OutboxRepository,
      OutboxDispatcher,
      { provide: OUTBOX_OPTIONS, useValue: { pollMilliseconds: 60_000 } },
      Transactions,
      AuditEventRepository,
      AuditService,
      SourceRepository,
      SourcesService,
      SourceRecordRepository,
      BorrowerRepository,
      ContactPointRepository,
      ObservationRepository,
      PersonRepository,
      ContactResolutionService,
      ContactPointSharingService,
      IngestBatchRepository,
      IngestPipelineService,
      ...extraProviders,
    ],
  }).compile();
  const sources = moduleRef.get(SourcesService);
  for (const key of sourceKeys) await sources.put(ADMIN, { key, system: 'sales', kind: 'internal' });
  return {
    dataSource,
    pipeline: moduleRef.get(IngestPipelineService),
    sharing: moduleRef.get(ContactPointSharingService),
    jobs,
    moduleRef,
    async close() {
      await moduleRef.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/** The contact points the sharing jobs enqueued so far asked to refresh. */
export function sharingRefreshes(jobs: readonly EnqueuedJob[]): string[] {
  return jobs.flatMap((job) => (job.name === 'matching.refresh-contact-point-sharing' ? (job.data as { contactPointIds: string[] }).contactPointIds : []));
}
