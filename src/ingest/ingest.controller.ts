import { BadRequestException, Body, Controller, Get, HttpCode, Param, PayloadTooLargeException, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { maskRawPhone } from '../privacy/masking.js';
import { unmaskReason } from '../privacy/unmask-policy.js';
import { UNMASK_QUERY } from '../privacy/unmask-query.js';
import { SourceKeyPipe } from '../sources/source-key.pipe.js';
import { IngestPipelineService } from './ingest-pipeline.service.js';
import { IngestRecordsRequestDto, IngestRecordsResponseDto, MAX_RECORDS_PER_REQUEST } from './source-record.dto.js';
import { SourceRecordReadDto } from './source-record-read.dto.js';
import { SourceRecordReadService } from './source-record-read.service.js';

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('v1/sources/:key/records')
export class IngestController {
  constructor(
    private readonly pipeline: IngestPipelineService,
    private readonly reader: SourceRecordReadService,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('platform', 'admin')
  @ApiBody({ type: IngestRecordsRequestDto })
  @ApiOkResponse({ type: IngestRecordsResponseDto, description: 'Per-record outcome; bad records are rejected one by one, never the batch' })
  @ApiResponse({ status: 400, description: 'Body is not JSON or has no records array' })
  @ApiResponse({ status: 404, description: 'Unknown source' })
  @ApiResponse({ status: 413, description: `More than ${MAX_RECORDS_PER_REQUEST} records` })
  // The body is validated record by record in the pipeline, so one bad record never fails the batch.
  async post(@Param('key', SourceKeyPipe) key: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<IngestRecordsResponseDto> {
    const records = (body as { records?: unknown } | null)?.records;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(records)) {
      throw new BadRequestException('body must be a JSON object with a "records" array');
    }
    if (records.length > MAX_RECORDS_PER_REQUEST) {
      throw new PayloadTooLargeException(`${records.length} records: at most ${MAX_RECORDS_PER_REQUEST} per request`);
    }
    const { batchId, accepted, duplicates, rejected, unusablePhones } = await this.pipeline.ingestBatch(key, records, principal);
    // Echoed masked: an unusable phone can still hold a whole number.
    return { batchId, accepted, duplicates, rejected, unusablePhones: unusablePhones.map((phone) => ({ ...phone, raw: maskRawPhone(phone.raw) })) };
  }

  @Get(':sourceRecordId')
  @Roles('operator', 'admin')
  @ApiQuery({ name: 'unmask', required: false, description: 'true for full values (operator only, needs reason, audited)' })
  @ApiQuery({ name: 'reason', required: false, description: 'Why you are looking (written to the audit log); required with unmask' })
  @ApiOkResponse({ type: SourceRecordReadDto, description: 'Personal data masked unless an operator unmasks with a reason' })
  @ApiResponse({ status: 400, description: 'unmask=true without a reason' })
  @ApiResponse({ status: 403, description: 'unmask=true by a role other than operator' })
  read(
    @Param('key', SourceKeyPipe) key: string,
    @Param('sourceRecordId') sourceRecordId: string,
    @CurrentPrincipal() principal: Principal,
    @Query('unmask', { schema: UNMASK_QUERY.unmask }) unmask?: string,
    @Query('reason', { schema: UNMASK_QUERY.reason }) reason?: string,
  ): Promise<SourceRecordReadDto> {
    return this.reader.read(principal, key, sourceRecordId, { purpose: reason, unmaskReason: unmaskReason(principal, { unmask, reason }) });
  }
}
