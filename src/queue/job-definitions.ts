/** Every job the service runs, its queue and its retry policy: job options live here and nowhere else. */
export const QUEUE_NAMES = ['matching', 'contact-plan', 'erasure', 'connectors', 'repair', 'webhooks', 'stale'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobDefinition {
  queue: QueueName;
  attempts: number;
  /** First retry waits this long; each further retry doubles it. */
  backoffMilliseconds: number;
}

export const JOB_DEFINITIONS = {
  'matching.refresh-contact-point-sharing': { queue: 'matching', attempts: 5, backoffMilliseconds: 1_000 },
  'matching.find-candidates': { queue: 'matching', attempts: 5, backoffMilliseconds: 2_000 },
  'contact-plan.assess-status': { queue: 'contact-plan', attempts: 5, backoffMilliseconds: 1_000 },
  // A run resumes from its last committed batch, so a retry after a crash or an outage loses nothing.
  'connectors.run': { queue: 'connectors', attempts: 5, backoffMilliseconds: 30_000 },
  'repair.run': { queue: 'repair', attempts: 3, backoffMilliseconds: 5_000 },
  'erasure.erase-borrower': { queue: 'erasure', attempts: 5, backoffMilliseconds: 10_000 },
  'erasure.retention-run': { queue: 'erasure', attempts: 3, backoffMilliseconds: 60_000 },
  // A scan resumes from its last committed batch, so a retry after a crash or an outage loses nothing.
  'stale.scan': { queue: 'stale', attempts: 5, backoffMilliseconds: 30_000 },
  // 5 s doubling over 8 attempts: a receiver may be away about 10 minutes (a deploy) and still get the event.
  'webhooks.deliver': { queue: 'webhooks', attempts: 8, backoffMilliseconds: 5_000 },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOB_DEFINITIONS;

/** The payload each job carries. */
export interface JobPayloads {
  'matching.refresh-contact-point-sharing': { contactPointIds: string[] };
  'matching.find-candidates': { addressPointIds: string[]; personIds: string[] };
  'contact-plan.assess-status': { borrowerIds: string[] };
  'connectors.run': { runId: string } | { connectorKey: string; scheduleId: string };
  /** The run's row may not exist yet when a status change asked for it: the job creates it under this id. */
  'repair.run': { repairRunId: string; borrowerId: string; reason: string; requestedBy: string };
  /** The borrower ref stays in the database (erasure_request) until the erasure forgets it, never in the queue. */
  'erasure.erase-borrower': { erasureId: string };
  /** requestedAt when asked for through the API; scheduleId when started by a schedule. */
  'erasure.retention-run': { requestedAt: string } | { scheduleId: string };
  /** runId when asked for through the API (the job_run row exists); scheduleId when started by the nightly schedule. */
  'stale.scan': { runId: string } | { scheduleId: string };
  /** The payload stays in webhook_delivery; the queue carries only its id. */
  'webhooks.deliver': { deliveryId: string };
}

/**
 * Every scheduled job, declared here and nowhere else. The timing (cron pattern and time zone) comes
 * from configuration: the owning module provides it under SCHEDULE_TIMINGS (see ScheduleService).
 */
export const SCHEDULES = {
  'erasure.nightly-retention-run': { name: 'erasure.retention-run', data: { scheduleId: 'erasure.nightly-retention-run' } },
  'stale.nightly-scan': { name: 'stale.scan', data: { scheduleId: 'stale.nightly-scan' } },
} as const satisfies Record<string, { name: JobName; data: unknown }>;

export type ScheduleId = keyof typeof SCHEDULES;

/**
 * Schedules declared at run time, one per item (a connector with a cron): ids are the prefix and the
 * item's key, the job gets the item's key and the schedule id.
 */
export const SCHEDULE_FAMILIES = {
  connectors: { prefix: 'connector:', name: 'connectors.run' },
} as const satisfies Record<string, { prefix: string; name: JobName }>;

export type ScheduleFamily = keyof typeof SCHEDULE_FAMILIES;

export function retryDelay(definition: JobDefinition, attemptsMade: number): number {
  return definition.backoffMilliseconds * 2 ** Math.max(0, attemptsMade - 1);
}

/** The wait before the next try while the database is away: 250 ms doubling, capped; such tries are not attempts. */
export function outageRetryDelay(outageTry: number, maxMilliseconds: number): number {
  return Math.min(maxMilliseconds, 250 * 2 ** Math.min(20, Math.max(0, outageTry - 1)));
}
