import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ConnectorKeyPipe } from './connector-key.pipe.js';
import { ConnectorPreviewService } from './connector-preview.service.js';
import { ConnectorRunsService } from './connector-runs.service.js';
import {
  ConnectorDto,
  ConnectorRunDto,
  type ListRunsQueryDto,
  listRunsQuerySchema,
  PreviewDto,
  type PreviewRequestDto,
  previewSchema,
  type PutConnectorDto,
  putConnectorSchema,
  RunAcceptedDto,
} from './connector.dto.js';
import { ConnectorsService } from './connectors.service.js';

@ApiTags('connectors')
@ApiBearerAuth()
@Controller('v1/connectors')
export class ConnectorsController {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly runs: ConnectorRunsService,
    private readonly previews: ConnectorPreviewService,
  ) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOkResponse({ type: [ConnectorDto] })
  async list(): Promise<ConnectorDto[]> {
    return (await this.connectors.list()).map(ConnectorDto.of);
  }

  @Get(':key')
  @Roles('admin', 'auditor')
  @ApiOkResponse({ type: ConnectorDto })
  async get(@Param('key', ConnectorKeyPipe) key: string): Promise<ConnectorDto> {
    return ConnectorDto.of(await this.connectors.get(key));
  }

  @Put(':key')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectorDto, description: '201 when the connector is new, 200 when it was replaced; 400 names the field at fault' })
  async put(
    @Param('key', ConnectorKeyPipe) key: string,
    @Body({ schema: putConnectorSchema }) body: PutConnectorDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ConnectorDto> {
    const { connector, created } = await this.connectors.put(principal, key, body);
    if (created) response.status(201);
    return ConnectorDto.of(connector);
  }

  @Post(':key/runs')
  @Roles('admin')
  @HttpCode(202)
  @ApiBody({ required: false, schema: { type: 'object' } })
  @ApiAcceptedResponse({ type: RunAcceptedDto, description: 'Queued; follow it at GET /v1/connectors/{key}/runs/{id}' })
  startRun(@Param('key', ConnectorKeyPipe) key: string, @CurrentPrincipal() principal: Principal): Promise<RunAcceptedDto> {
    return this.runs.request(principal, key);
  }

  @Get(':key/runs')
  @Roles('admin', 'auditor')
  @ApiOkResponse({ type: [ConnectorRunDto], description: 'Newest first' })
  async listRuns(@Param('key', ConnectorKeyPipe) key: string, @Query({ schema: listRunsQuerySchema }) query: ListRunsQueryDto): Promise<ConnectorRunDto[]> {
    await this.connectors.get(key);
    const before = query.before ? await this.runs.get(key, query.before) : undefined;
    return (await this.runs.list(key, query.limit, before)).map(ConnectorRunDto.of);
  }

  @Get(':key/runs/:id')
  @Roles('admin', 'auditor')
  @ApiOkResponse({ type: ConnectorRunDto })
  async getRun(@Param('key', ConnectorKeyPipe) key: string, @Param('id', ParseUUIDPipe) id: string): Promise<ConnectorRunDto> {
    return ConnectorRunDto.of(await this.runs.get(key, id));
  }

  @Post(':key/preview')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: PreviewDto, description: 'The first rows as the records they become, with validation errors and normalised phones and addresses; nothing is stored' })
  preview(
    @Param('key', ConnectorKeyPipe) key: string,
    @Body({ schema: previewSchema }) body: PreviewRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PreviewDto> {
    return this.previews.preview(principal, key, body);
  }
}
