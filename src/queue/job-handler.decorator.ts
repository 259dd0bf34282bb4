import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './job-definitions.js';

export const JOB_HANDLER_METADATA = 'contact-recovery:job-handler';

/** A provider that runs one job: thin, it delegates to a service. */
export interface JobHandler<N extends JobName> {
  handle(data: JobPayloads[N], context: { jobId: string; attempt: number }): Promise<void>;
}

export const HandlesJob = (name: JobName): ClassDecorator => SetMetadata(JOB_HANDLER_METADATA, name);
