import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { readSettingsFile } from '../config/settings-file.js';
import { SOURCE_KEY_PATTERN, SOURCE_KINDS, SOURCE_SYSTEMS, type SourceDefinition } from './source-types.js';

const declaredSourcesSchema = z.object({
  sources: z.array(
    z.object({
      key: z.string().regex(SOURCE_KEY_PATTERN),
      system: z.enum(SOURCE_SYSTEMS),
      kind: z.enum(SOURCE_KINDS),
      displayName: z.string().max(200).optional(),
      trust: z.number().min(0).max(1).optional(),
    }),
  ),
});

/** Sources declared in CONFIG_DIR/sources.json, validated at boot. */
@Injectable()
export class DeclaredSourcesService {
  readonly sources: SourceDefinition[];

  constructor(@InjectConfig() config: AppConfig) {
    this.sources = readSettingsFile(config.storage.configDirectory, 'sources.json', declaredSourcesSchema, { sources: [] }).sources;
  }
}
