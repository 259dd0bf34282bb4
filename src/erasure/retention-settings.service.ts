import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { readSettingsFile } from '../config/settings-file.js';
import type { RetentionSettings } from './retention-rules.js';

const days = z.number().int().min(1).max(36_500);
const retentionSchema = z.strictObject({ quarantineDays: days, rawPayloadDays: days, closedBorrowerDays: days });

const DEFAULT_RETENTION: RetentionSettings = { quarantineDays: 30, rawPayloadDays: 365, closedBorrowerDays: 1_825 };

/** CONFIG_DIR/retention.json, validated at boot. */
@Injectable()
export class RetentionSettingsService {
  readonly retention: RetentionSettings;

  constructor(@InjectConfig() config: AppConfig) {
    this.retention = readSettingsFile(config.storage.configDirectory, 'retention.json', retentionSchema, DEFAULT_RETENTION);
  }
}
