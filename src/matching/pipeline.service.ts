import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { MatchSuggestionRepository } from '../review/match-suggestion.repository.js';
import type { FailedJobsRetriedDto, PipelineState, PipelineStatusDto, RetryFailedJobsDto } from '../review/review.dto.js';

/** The state of deferred work as a client polling it needs it: pending alone cannot tell "done" from "given up". */
export function pipelineState(pending: number, failed: number): PipelineState {
  if (pending > 0) return 'working';
  return failed > 0 ? 'settled-with-failures' : 'settled';
}

/** GET /v1/pipeline/status and POST /v1/pipeline/failed-jobs/retry. */
@Injectable()
export class PipelineService {
  constructor(
    private readonly queue: MessageQueueService,
    private readonly deferred: OutboxDispatcher,
    private readonly suggestions: MatchSuggestionRepository,
    private readonly audit: AuditService,
  ) {}

  async status(): Promise<PipelineStatusDto> {
    const [{ pending, failed, queues }, pendingSuggestions] = await Promise.all([this.deferred.status(), this.suggestions.countPending()]);
    return { pending, failed, state: pipelineState(pending, failed), queues, pendingSuggestions, queue: this.queue.driverName };
  }

  /** Queues failed jobs again and records who did it, with what scope and how many. */
  async retryFailedJobs(principal: Principal, request: RetryFailedJobsDto): Promise<FailedJobsRetriedDto> {
    const retried = await this.deferred.retryFailed(request);
    await this.audit.record(principal, {
      action: 'pipeline.failed_jobs_retried',
      targetType: 'queue',
      targetId: request.queue ?? 'all',
      details: { limit: request.limit, retried },
    });
    return { retried };
  }
}
