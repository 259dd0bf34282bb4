import type { ConnectorDefinition } from './connector-definition.js';
import { isUnderRoots } from './readers/file-roots.js';

export interface ConnectorEnvironment {
  /** Absolute directories file connectors may read (CONNECTOR_FILE_ROOTS). */
  fileRoots: readonly string[];
  /** Names of the environment variables a connector may take secrets from. */
  secretNames: ReadonlySet<string>;
  /** The registered source the connector feeds, when it exists. */
  source?: { kind: 'internal' | 'external' };
}

/**
 * What the schema cannot see: the source must exist, the secrets must be in the environment, and a
 * file connector's directory must lie under the allowed roots (checked again on the real path at
 * run time, where symlinks are resolved). Each problem names its field.
 */
export function connectorProblems(definition: ConnectorDefinition, environment: ConnectorEnvironment): string[] {
  const problems: string[] = [];
  if (!environment.source) problems.push(`source: "${definition.source}" is not a registered source`);
  const secret = (field: string, name: string | undefined) => {
    if (name !== undefined && !environment.secretNames.has(name)) problems.push(`${field}: ${name} is not set in the service's environment (or is one of its own settings)`);
  };
  secret('database.urlEnv', definition.database?.urlEnv);
  secret('http.baseUrlEnv', definition.http?.baseUrlEnv);
  secret('http.tokenEnv', definition.http?.tokenEnv);
  secret('file.sftpEnv', definition.file?.sftpEnv);
  if (definition.file && !isUnderRoots(definition.file.directory, environment.fileRoots)) {
    problems.push(
      environment.fileRoots.length === 0
        ? 'file.directory: no directory may be read (CONNECTOR_FILE_ROOTS is not set)'
        : `file.directory: must lie under one of CONNECTOR_FILE_ROOTS (${environment.fileRoots.join(', ')})`,
    );
  }
  return problems;
}
