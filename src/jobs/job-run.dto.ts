import { ApiProperty } from '@nestjs/swagger';
import { JOB_RUN_STATES, type JobRunState } from './job-run.entity.js';
import type { JobRun } from './job-run.repository.js';

export class JobAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Follow it at GET /v1/jobs/{id}' }) id!: string;
  @ApiProperty({ description: 'false when a run of the job was already queued or running: that run is returned' }) created!: boolean;
}

export class JobRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'stale-scan' }) type!: string;
  @ApiProperty({ enum: JOB_RUN_STATES }) state!: JobRunState;
  @ApiProperty({ type: Object, example: { borrowers: 1000, done: 400 } }) progress!: Record<string, number>;
  @ApiProperty({ type: Object, example: { raised: 12, closed: 3, open: 40 } }) counts!: Record<string, number>;
  @ApiProperty({ format: 'date-time' }) queuedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: Date | null;
  @ApiProperty({ required: false }) error?: string;
  @ApiProperty({ nullable: true, type: String, example: 'worker-2', description: 'The process that last started or resumed the run (its WORKER_NAME)' }) workerName!: string | null;

  static of(run: JobRun): JobRunDto {
    return {
      id: run.id,
      type: run.type,
      state: run.state,
      progress: run.progress,
      counts: run.counts,
      queuedAt: run.queuedAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      workerName: run.workerName,
      ...(run.error ? { error: run.error } : {}),
    };
  }
}
