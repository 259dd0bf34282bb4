import { Worker } from 'bullmq';
/** BullMQ on Redis: jobs survive restarts and workers scale out across machines. */
export class BullMqQueueDriver {
    constructor(queues, connection, prefix, onFailure = () => undefined) {
        this.queues = queues;
        this.connection = connection;
        this.prefix = prefix;
        this.onFailure = onFailure;
        this.name = 'bullmq';
        this.workers = [];
    }
    async add(queue, name, data, options) {
        const job = await this.queue(queue).add(name, data, {
            jobId: options.jobId,
            attempts: options.attempts,
            backoff: { type: 'exponential', delay: options.backoffMilliseconds },
            removeOnComplete: { age: 24 * 3600, count: 10_000 },
            removeOnFail: { age: 7 * 24 * 3600 },
        });
        return job.id ?? '';
    }
    async work(queue, processor, concurrency) {
        const worker = new Worker(queue, async (job) => processor({ id: job.id ?? '', name: job.name, data: job.data, attempt: job.attemptsMade + 1 }), { connection: this.connection, prefix: this.prefix, concurrency, autorun: true });
        worker.on('failed', (job, error) => {
            if (!job)
                return;
            const final = job.attemptsMade >= (job.opts.attempts ?? 1);
            this.onFailure({ id: job.id ?? '', name: job.name, data: job.data, attempt: job.attemptsMade }, error, final);
        });
        // Without a listener an 'error' event (Redis hiccup) would crash the process.
        worker.on('error', (error) => this.onFailure({ id: '', name: queue, data: undefined, attempt: 0 }, error, false));
        await worker.waitUntilReady();
        this.workers.push(worker);
    }
    async counts(queue) {
        const counts = await this.queue(queue).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
        return {
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
        };
    }
    /** A real round trip to Redis, bounded so a health check never hangs. */
    async ping() {
        const [first] = this.queues.values();
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('Redis did not answer within 2 s')), 2_000);
        });
        try {
            await Promise.race([first.getJobCounts('waiting'), timeout]);
        }
        finally {
            clearTimeout(timer);
        }
    }
    /** Lets running jobs finish, then closes workers; queues are closed by @nestjs/bullmq. */
    async close() {
        await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
    }
    queue(name) {
        const queue = this.queues.get(name);
        if (!queue)
            throw new Error(`queue ${name} is not registered`);
        return queue;
    }
}
//# sourceMappingURL=bullmq-queue.driver.js.map