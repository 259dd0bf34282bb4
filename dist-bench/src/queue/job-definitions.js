/** Every job the service runs, its queue and its retry policy: job options live here and nowhere else. */
export const QUEUE_NAMES = ['matching', 'contact-plan'];
export const JOB_DEFINITIONS = {
    'matching.refresh-contact-point-sharing': { queue: 'matching', attempts: 5, backoffMilliseconds: 1_000 },
    'matching.find-candidates': { queue: 'matching', attempts: 5, backoffMilliseconds: 2_000 },
    'contact-plan.assess-status': { queue: 'contact-plan', attempts: 5, backoffMilliseconds: 1_000 },
    'contact-plan.repair-run': { queue: 'contact-plan', attempts: 3, backoffMilliseconds: 5_000 },
};
export function retryDelay(definition, attemptsMade) {
    return definition.backoffMilliseconds * 2 ** Math.max(0, attemptsMade - 1);
}
//# sourceMappingURL=job-definitions.js.map