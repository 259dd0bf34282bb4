import { Body, Controller, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { SourceKeyPipe } from './source-key.pipe.js';
import { type PutSourceDto, putSourceSchema, SourceDto } from './source.dto.js';
import { SourcesService } from './sources.service.js';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @Roles('admin', 'platform', 'operator', 'auditor')
  @ApiOkResponse({ type: [SourceDto] })
  list(): Promise<SourceDto[]> {
    return this.sources.list();
  }

  @Put(':key')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: SourceDto, description: '201 when the source is new, 200 when it was updated' })
  async put(
    @Param('key', SourceKeyPipe) key: string,
    @Body({ schema: putSourceSchema }) body: PutSourceDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SourceDto> {
    const { source, created } = await this.sources.put(principal, { key, ...body });
    if (created) response.status(201);
    return source;
  }
}
