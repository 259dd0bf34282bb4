import { Module } from '@nestjs/common';
import { SourceRecordRepository } from './source-record.repository.js';

@Module({ providers: [SourceRecordRepository], exports: [SourceRecordRepository] })
export class RecordsModule {}
