import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { readSettingsFile } from '../config/settings-file.js';

const matchingSchema = z.object({
  /** Uncertain pairs scoring below this are not worth an operator's time. */
  suggestionMinimumScore: z.object({ address: z.number().min(0).max(1), person: z.number().min(0).max(1) }),
  /** At most this many stored addresses are compared with each new one (blocks are small; this bounds the worst). */
  candidatesPerAddress: z.number().int().min(1).max(10_000),
});
export type MatchingSettings = z.infer<typeof matchingSchema>;

const DEFAULT_MATCHING_SETTINGS: MatchingSettings = { suggestionMinimumScore: { address: 0.5, person: 0.5 }, candidatesPerAddress: 100 };

/** CONFIG_DIR/matching.json, validated at boot. */
@Injectable()
export class MatchingSettingsService {
  readonly matching: MatchingSettings;

  constructor(@InjectConfig() config: AppConfig) {
    this.matching = readSettingsFile(config.storage.configDirectory, 'matching.json', matchingSchema, DEFAULT_MATCHING_SETTINGS);
  }
}
