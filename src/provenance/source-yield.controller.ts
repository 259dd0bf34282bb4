import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { SourceKeyPipe } from '../sources/source-key.pipe.js';
import { SourceYieldDto, type SourceYieldQueryDto, sourceYieldQuerySchema } from './source-yield.dto.js';
import { SourceYieldService } from './source-yield.service.js';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class SourceYieldController {
  constructor(private readonly yields: SourceYieldService) {}

  @Get(':key/yield')
  @Roles('admin', 'operator')
  @ApiOkResponse({ type: SourceYieldDto, description: 'Records brought in, contact points contributed first, and how many of those answered calls confirmed; 404 for an unknown source' })
  get(@Param('key', SourceKeyPipe) key: string, @Query({ schema: sourceYieldQuerySchema }) window: SourceYieldQueryDto): Promise<SourceYieldDto> {
    return this.yields.sourceYield(key, window);
  }
}
