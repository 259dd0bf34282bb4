import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import { readSettingsFile } from '../config/settings-file.js';
import { CONNECTOR_KEY_PATTERN, type ConnectorDefinition, connectorDefinitionSchema } from './connector-definition.js';

const declaredConnectorsSchema = z.strictObject({
  connectors: z.record(z.string().regex(CONNECTOR_KEY_PATTERN, 'connector keys are lower-case letters, digits and dashes'), connectorDefinitionSchema),
});

/** Connectors declared in CONFIG_DIR/connectors.json, validated at boot (the same shape as PUT /v1/connectors/{key}). */
@Injectable()
export class DeclaredConnectorsService {
  readonly connectors: { key: string; definition: ConnectorDefinition }[];

  constructor(@InjectConfig() config: AppConfig) {
    const declared = readSettingsFile(config.storage.configDirectory, 'connectors.json', declaredConnectorsSchema, { connectors: {} });
    this.connectors = Object.entries(declared.connectors).map(([key, definition]) => ({ key, definition }));
  }
}
