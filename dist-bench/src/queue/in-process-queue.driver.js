import { randomUUID } from 'node:crypto';
import { retryDelay } from './job-definitions.js';
/**
 * Runs jobs in this process with BullMQ's semantics (attempts, exponential backoff, job-id dedupe),
 * for a single-process deployment without Redis. Jobs do not survive a restart.
 */
export class InProcessQueueDriver {
    constructor(onFailure = () => undefined) {
        this.onFailure = onFailure;
        this.name = 'in-process';
        this.queues = new Map();
        this.closed = false;
        this.idleWaiters = [];
    }
    async add(queue, name, data, options) {
        if (this.closed)
            throw new Error('queue driver is closed');
        const state = this.state(queue);
        const id = options.jobId ?? randomUUID();
        if (state.knownIds.has(id))
            return id;
        state.knownIds.add(id);
        state.waiting.push({ job: { id, name, data, attempt: 1 }, options });
        this.pump(queue);
        return id;
    }
    async work(queue, processor, concurrency) {
        const state = this.state(queue);
        state.processor = processor;
        state.concurrency = concurrency;
        this.pump(queue);
    }
    async counts(queue) {
        const state = this.state(queue);
        return { waiting: state.waiting.length, active: state.active.size, delayed: state.delayed.size, failed: state.failed };
    }
    async ping() { }
    /** Resolves once nothing is waiting, delayed or running (tests and graceful shutdown). */
    whenIdle() {
        if (this.isIdle())
            return Promise.resolve();
        return new Promise((resolve) => this.idleWaiters.push(resolve));
    }
    /** Finishes what is waiting or running (graceful shutdown); retries not yet due are dropped. */
    async close() {
        this.closed = true;
        for (const state of this.queues.values()) {
            for (const timer of state.delayed.values())
                clearTimeout(timer);
            state.delayed.clear();
        }
        await this.whenIdle();
    }
    state(queue) {
        let state = this.queues.get(queue);
        if (!state) {
            state = { waiting: [], delayed: new Map(), active: new Set(), failed: 0, knownIds: new Set(), concurrency: 1 };
            this.queues.set(queue, state);
        }
        return state;
    }
    pump(queue) {
        const state = this.state(queue);
        if (!state.processor)
            return;
        while (state.active.size < state.concurrency && state.waiting.length > 0) {
            const pending = state.waiting.shift();
            state.active.add(pending.job.id);
            // Always asynchronous, as with a real queue: add() never runs the job in the caller's stack.
            setImmediate(() => void this.run(queue, pending));
        }
    }
    async run(queue, pending) {
        const state = this.state(queue);
        const { job, options } = pending;
        let retryAfter;
        try {
            await state.processor(job);
            state.knownIds.delete(job.id);
        }
        catch (error) {
            const final = job.attempt >= options.attempts || this.closed;
            this.onFailure(job, error, final);
            if (final) {
                state.failed += 1;
                state.knownIds.delete(job.id);
            }
            else
                retryAfter = retryDelay(options, job.attempt);
        }
        finally {
            state.active.delete(job.id);
        }
        if (retryAfter !== undefined) {
            const retry = { job: { ...job, attempt: job.attempt + 1 }, options };
            const timer = setTimeout(() => {
                state.delayed.delete(job.id);
                state.waiting.push(retry);
                this.pump(queue);
            }, retryAfter);
            state.delayed.set(job.id, timer);
        }
        this.pump(queue);
        this.notifyIfIdle();
    }
    isIdle() {
        for (const state of this.queues.values()) {
            if (state.active.size > 0 || state.delayed.size > 0 || (state.waiting.length > 0 && state.processor))
                return false;
        }
        return true;
    }
    notifyIfIdle() {
        if (!this.isIdle())
            return;
        for (const resolve of this.idleWaiters.splice(0))
            resolve();
    }
}
//# sourceMappingURL=in-process-queue.driver.js.map