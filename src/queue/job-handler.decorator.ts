import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './job-definitions.js';

export const JOB_HANDLER_METADATA = 'contact-recovery:job-handler';

/** What a handler is told about the run besides the payload. */
export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** The process running it (WORKER_NAME). */
  workerName: string;
}

/** A provider that runs one job: thin, it delegates to a service. */
export interface JobHandler<N extends JobName> {
  handle(data: JobPayloads[N], context: JobContext): Promise<void>;
}

export const HandlesJob = (name: JobName): ClassDecorator => SetMetadata(JOB_HANDLER_METADATA, name);
