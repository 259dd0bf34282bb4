import { Injectable } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { readSettingsFile } from '../config/settings-file.js';
import { ContactPlanSettingsService } from '../contact-plan/contact-plan-settings.service.js';
import { ATTEMPT_OUTCOMES } from '../contact-attempts/attempt-outcome.js';
import type { ScheduleTiming } from '../queue/queue-driver.interface.js';
import { SOURCE_SYSTEMS, type SourceSystem } from '../sources/source-types.js';
import { DEFAULT_STALE_RULES, type StaleRules } from './staleness.js';

const days = z.number().int().min(1).max(36_500);
const DEFAULT_SCHEDULE = '0 2 * * *';
const DEFAULT_BATCH_SIZE = 2_000;

function validCron(pattern: string): boolean {
  try {
    CronExpressionParser.parse(pattern, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

const freshnessSchema = z.strictObject(Object.fromEntries(SOURCE_SYSTEMS.map((system) => [system, days.optional()])) as Record<SourceSystem, z.ZodOptional<typeof days>>);

const staleScanSchema = z.strictObject({
  /** When the nightly scan starts: a cron pattern read in the contact-rules time zone. */
  schedule: z.string().default(DEFAULT_SCHEDULE).refine(validCron, { message: 'not a valid cron pattern' }),
  recentWindowDays: days.default(DEFAULT_STALE_RULES.recentWindowDays),
  minimumOtherSightings: z.number().int().min(1).max(1_000).default(DEFAULT_STALE_RULES.minimumOtherSightings),
  // A system left out keeps its default, so adding a source system never needs this file changed.
  freshnessDays: freshnessSchema.default({}),
  answeredCallFreshnessDays: days.default(DEFAULT_STALE_RULES.answeredCallFreshnessDays),
  jobChange: z.strictObject({ changes: z.number().int().min(0).max(1_000), windowDays: days }).default(DEFAULT_STALE_RULES.jobChange),
  invalidOutcomes: z.array(z.enum(ATTEMPT_OUTCOMES)).min(1).default([...DEFAULT_STALE_RULES.invalidOutcomes]),
  batchSize: z.number().int().min(1).max(50_000).default(DEFAULT_BATCH_SIZE),
});

type StaleScanFile = z.output<typeof staleScanSchema>;

/** CONFIG_DIR/stale-scan.json, validated at boot; a missing file means the defaults. */
@Injectable()
export class StaleScanSettingsService {
  readonly rules: StaleRules;
  /** Borrowers per batch: one facts query and one commit each. */
  readonly batchSize: number;
  /** The nightly scan (SCHEDULES 'stale.nightly-scan'), in the contact-rules time zone. */
  readonly schedule: ScheduleTiming;

  constructor(@InjectConfig() config: AppConfig, contactPlanSettings: ContactPlanSettingsService) {
    const file: StaleScanFile = readSettingsFile(config.storage.configDirectory, 'stale-scan.json', staleScanSchema, staleScanSchema.parse({}));
    const freshnessDays = { ...DEFAULT_STALE_RULES.freshnessDays };
    for (const system of SOURCE_SYSTEMS) freshnessDays[system] = file.freshnessDays[system] ?? freshnessDays[system];
    this.rules = {
      recentWindowDays: file.recentWindowDays,
      minimumOtherSightings: file.minimumOtherSightings,
      freshnessDays,
      answeredCallFreshnessDays: file.answeredCallFreshnessDays,
      jobChange: file.jobChange,
      invalidOutcomes: file.invalidOutcomes,
    };
    this.batchSize = file.batchSize;
    this.schedule = { pattern: file.schedule, tz: contactPlanSettings.contactRules.timeZone };
  }
}
