import { Injectable, type Type } from '@nestjs/common';
import { JOB_DEFINITIONS, type JobName } from '../../src/queue/job-definitions.js';
import { HandlesJob } from '../../src/queue/job-handler.decorator.js';

/** Handlers that must not run, for every job but one: the registry refuses to start without them. */
export function idleHandlersExcept(name: JobName): Type[] {
  return (Object.keys(JOB_DEFINITIONS) as JobName[])
    .filter((job) => job !== name)
    .map((job) => {
      @Injectable()
      @HandlesJob(job)
      class IdleHandler {
        async handle(): Promise<void> {
          throw new Error(`${job} was not expected in this test`);
        }
      }
      return IdleHandler;
    });
}
