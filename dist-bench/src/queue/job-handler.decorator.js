import { SetMetadata } from '@nestjs/common';
export const JOB_HANDLER_METADATA = 'contact-recovery:job-handler';
export const HandlesJob = (name) => SetMetadata(JOB_HANDLER_METADATA, name);
//# sourceMappingURL=job-handler.decorator.js.map