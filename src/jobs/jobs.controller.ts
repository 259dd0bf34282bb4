import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { JobRunDto } from './job-run.dto.js';
import { JobRunRepository } from './job-run.repository.js';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('v1/jobs')
export class JobsController {
  constructor(private readonly runs: JobRunRepository) {}

  @Get(':id')
  @Roles('admin', 'auditor', 'platform', 'operator')
  @ApiOkResponse({ type: JobRunDto, description: 'A job run: state, progress { borrowers, done }, counts { raised, closed, open }' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<JobRunDto> {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundException(`job ${id} not found`);
    return JobRunDto.of(run);
  }
}
