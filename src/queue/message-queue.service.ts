import { Inject, Injectable } from '@nestjs/common';
import { JOB_DEFINITIONS, type JobName, type JobPayloads, QUEUE_NAMES, SCHEDULE_FAMILIES, type ScheduleFamily, SCHEDULES, type ScheduleId } from './job-definitions.js';
import { type JobOutcome, QUEUE_DRIVER, type QueueCounts, type QueueDriver, type QueueJob, type ScheduledJob, type ScheduleTiming } from './queue-driver.interface.js';
import type { QueueName } from './job-definitions.js';

/** What services use to enqueue work; they never see the driver or BullMQ. */
@Injectable()
export class MessageQueueService {
  constructor(@Inject(QUEUE_DRIVER) private readonly driver: QueueDriver) {}

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: { jobId?: string } = {}): Promise<string> {
    const definition = JOB_DEFINITIONS[name];
    return this.driver.add(definition.queue, name, data, { ...definition, jobId: options.jobId });
  }

  /** Creates or replaces a schedule declared in SCHEDULES; upserting it again leaves one schedule. */
  async upsertSchedule(id: ScheduleId, timing: ScheduleTiming): Promise<void> {
    const { name, data } = SCHEDULES[id];
    const definition = JOB_DEFINITIONS[name];
    await this.driver.upsertSchedule(id, timing, definition.queue, name, data, definition);
  }

  async removeSchedule(id: ScheduleId): Promise<void> {
    await this.driver.removeSchedule(id, JOB_DEFINITIONS[SCHEDULES[id].name].queue);
  }

  /** Creates or replaces the schedule of one item of a family (see SCHEDULE_FAMILIES). */
  async upsertFamilySchedule(family: ScheduleFamily, key: string, timing: ScheduleTiming, data: JobPayloads[(typeof SCHEDULE_FAMILIES)[ScheduleFamily]['name']]): Promise<void> {
    const { prefix, name } = SCHEDULE_FAMILIES[family];
    const definition = JOB_DEFINITIONS[name];
    await this.driver.upsertSchedule(`${prefix}${key}`, timing, definition.queue, name, data, definition);
  }

  /** Removes a schedule by its full id (as listed by schedules()). */
  async removeScheduleById(id: string, name: JobName): Promise<void> {
    await this.driver.removeSchedule(id, JOB_DEFINITIONS[name].queue);
  }

  /** The schedules the queue holds, across all queues. */
  async schedules(): Promise<ScheduledJob[]> {
    return (await Promise.all(QUEUE_NAMES.map((queue) => this.driver.schedules(queue)))).flat();
  }

  /** Each queue's counts: waiting, running, delayed (retries included) and failed for good. */
  async countsByQueue(): Promise<Record<QueueName, QueueCounts>> {
    const counts = await Promise.all(QUEUE_NAMES.map((queue) => this.driver.counts(queue)));
    return Object.fromEntries(QUEUE_NAMES.map((queue, index) => [queue, counts[index]])) as Record<QueueName, QueueCounts>;
  }

  /** Ids of the jobs of `queue` that failed for good and are still kept, oldest first. */
  failedJobIds(queue: QueueName, limit: number): Promise<string[]> {
    return this.driver.failedJobIds(queue, limit);
  }

  /** Runs these failed jobs of `queue` again, with all their attempts; returns the ids queued again. */
  retryFailed(queue: QueueName, jobIds: readonly string[]): Promise<string[]> {
    return jobIds.length === 0 ? Promise.resolve([]) : this.driver.retryFailed(queue, jobIds);
  }

  /** Whether the queue keeps an accepted job across restarts (BullMQ) or only while this process runs. */
  get durable(): boolean {
    return this.driver.durable;
  }

  /** For a non-durable queue: told when each job is done for good. */
  onSettled(listener: (job: QueueJob, outcome: JobOutcome) => Promise<void>): void {
    this.driver.onSettled?.(listener);
  }

  get driverName(): QueueDriver['name'] {
    return this.driver.name;
  }

  ping(): Promise<void> {
    return this.driver.ping();
  }
}
