import { Injectable } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { readSettingsFile } from '../config/settings-file.js';
import type { ScheduleTiming } from '../queue/queue-driver.interface.js';
import type { RetentionSettings } from './retention-rules.js';

const days = z.number().int().min(1).max(36_500);
const DEFAULT_SCHEDULE = '0 3 * * *';
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const retentionSchema = z
  .strictObject({
    quarantineDays: days,
    rawPayloadDays: days,
    closedBorrowerDays: days,
    /** When the nightly retention run starts: a cron pattern, read in timeZone. */
    schedule: z
      .string()
      .default(DEFAULT_SCHEDULE)
      .refine(validCron, { message: 'not a valid cron pattern' }),
    timeZone: z
      .string()
      .default(DEFAULT_TIME_ZONE)
      .refine(validTimeZone, { message: 'not an IANA time zone' }),
  })
  .transform(({ schedule, timeZone, ...retention }) => ({ retention, schedule: { pattern: schedule, tz: timeZone } }));

const DEFAULT_RETENTION: RetentionSettings = { quarantineDays: 30, rawPayloadDays: 365, closedBorrowerDays: 1_825 };

function validCron(pattern: string): boolean {
  try {
    CronExpressionParser.parse(pattern, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** CONFIG_DIR/retention.json, validated at boot. */
@Injectable()
export class RetentionSettingsService {
  readonly retention: RetentionSettings;
  /** The nightly retention run (SCHEDULES 'erasure.nightly-retention-run'). */
  readonly schedule: ScheduleTiming;

  constructor(@InjectConfig() config: AppConfig) {
    const settings = readSettingsFile(config.storage.configDirectory, 'retention.json', retentionSchema, {
      retention: DEFAULT_RETENTION,
      schedule: { pattern: DEFAULT_SCHEDULE, tz: DEFAULT_TIME_ZONE },
    });
    this.retention = settings.retention;
    this.schedule = settings.schedule;
  }
}
