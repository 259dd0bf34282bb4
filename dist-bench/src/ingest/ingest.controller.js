var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { BadRequestException, Body, Controller, Get, HttpCode, Param, PayloadTooLargeException, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import { SourceKeyPipe } from '../sources/source-key.pipe.js';
import { IngestService, MAX_RECORDS_PER_REQUEST } from './ingest.service.js';
import { IngestRecordsRequestDto, IngestRecordsResponseDto } from './source-record.dto.js';
import { SourceRecordReadDto } from './source-record-read.dto.js';
import { SourceRecordReadService } from './source-record-read.service.js';
let IngestController = class IngestController {
    constructor(ingest, reader) {
        this.ingest = ingest;
        this.reader = reader;
    }
    // The body is validated record by record in the service, so one bad record never fails the batch.
    async post(key, body, principal) {
        const records = body?.records;
        if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(records)) {
            throw new BadRequestException('body must be a JSON object with a "records" array');
        }
        if (records.length > MAX_RECORDS_PER_REQUEST) {
            throw new PayloadTooLargeException(`${records.length} records: at most ${MAX_RECORDS_PER_REQUEST} per request`);
        }
        return this.ingest.ingest(principal, key, records);
    }
    read(key, sourceRecordId, principal, reason) {
        return this.reader.read(principal, key, sourceRecordId, reason?.slice(0, 500));
    }
};
__decorate([
    Post(),
    HttpCode(200),
    Roles('platform', 'admin'),
    ApiBody({ type: IngestRecordsRequestDto }),
    ApiOkResponse({ type: IngestRecordsResponseDto, description: 'Per-record outcome; bad records are rejected one by one, never the batch' }),
    ApiResponse({ status: 400, description: 'Body is not JSON or has no records array' }),
    ApiResponse({ status: 404, description: 'Unknown source' }),
    ApiResponse({ status: 413, description: `More than ${MAX_RECORDS_PER_REQUEST} records` })
    // The body is validated record by record in the service, so one bad record never fails the batch.
    ,
    __param(0, Param('key', SourceKeyPipe)),
    __param(1, Body()),
    __param(2, CurrentPrincipal()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], IngestController.prototype, "post", null);
__decorate([
    Get(':sourceRecordId'),
    Roles('operator', 'admin'),
    ApiQuery({ name: 'reason', required: false, description: 'Why you are looking (written to the audit log)' }),
    ApiOkResponse({ type: SourceRecordReadDto }),
    __param(0, Param('key', SourceKeyPipe)),
    __param(1, Param('sourceRecordId')),
    __param(2, CurrentPrincipal()),
    __param(3, Query('reason')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String, Object, String]),
    __metadata("design:returntype", Promise)
], IngestController.prototype, "read", null);
IngestController = __decorate([
    ApiTags('ingest'),
    ApiBearerAuth(),
    Controller('v1/sources/:key/records'),
    __metadata("design:paramtypes", [IngestService,
        SourceRecordReadService])
], IngestController);
export { IngestController };
//# sourceMappingURL=ingest.controller.js.map