import { Module } from '@nestjs/common';
import { JobRunRepository } from './job-run.repository.js';
import { JobsController } from './jobs.controller.js';

/** Runs of batch jobs (job_run) and GET /v1/jobs/{id}; each job's own module starts and runs them. */
@Module({ controllers: [JobsController], providers: [JobRunRepository], exports: [JobRunRepository] })
export class JobsModule {}
