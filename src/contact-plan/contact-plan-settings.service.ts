import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { parseSettingsFile } from '../config/settings-file.js';
import { DEFAULT_DISTANCE_WEIGHTS, type DistanceWeights, parseDistanceWeights } from '../graph/relation-distance.js';
import { type ContactRules, DEFAULT_CONTACT_RULES, parseContactRules } from './contact-rules.js';

/** CONFIG_DIR/contact-rules.json and relation-distance.json, validated at boot. */
@Injectable()
export class ContactPlanSettingsService {
  readonly contactRules: ContactRules;
  readonly distanceWeights: DistanceWeights;

  constructor(@InjectConfig() config: AppConfig) {
    const directory = config.storage.configDirectory;
    this.contactRules = parseSettingsFile(directory, 'contact-rules.json', parseContactRules, DEFAULT_CONTACT_RULES);
    this.distanceWeights = parseSettingsFile(directory, 'relation-distance.json', parseDistanceWeights, DEFAULT_DISTANCE_WEIGHTS);
  }
}
