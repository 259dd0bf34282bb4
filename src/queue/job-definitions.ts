/** Every job the service runs, its queue and its retry policy: job options live here and nowhere else. */
export const QUEUE_NAMES = ['matching', 'contact-plan'] as const;
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
  'contact-plan.repair-run': { queue: 'contact-plan', attempts: 3, backoffMilliseconds: 5_000 },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOB_DEFINITIONS;

/** The payload each job carries. */
export interface JobPayloads {
  'matching.refresh-contact-point-sharing': { contactPointIds: string[] };
  'matching.find-candidates': { addressPointIds: string[]; personIds: string[] };
  'contact-plan.assess-status': { borrowerIds: string[] };
  'contact-plan.repair-run': { borrowerId: string; reason: string };
}

export function retryDelay(definition: JobDefinition, attemptsMade: number): number {
  return definition.backoffMilliseconds * 2 ** Math.max(0, attemptsMade - 1);
}
