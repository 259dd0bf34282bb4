import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { zodDto } from '../common/zod.dto.js';
import { connectorDefinitionSchema } from './connector-definition.js';
import { RUN_STATES, RUN_TRIGGERS, type RunState, type RunTrigger } from './connector-run.entity.js';
import type { ConnectorRun } from './connector-run.repository.js';
import type { Connector } from './connector.repository.js';

export const putConnectorSchema = connectorDefinitionSchema;
export type PutConnectorDto = z.output<typeof putConnectorSchema>;
export class ConnectorDefinitionDto extends zodDto(z.object({ definition: connectorDefinitionSchema })) {}

export const listRunsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.uuid().optional().meta({ description: 'Id of the last run of the previous page' }),
});
export type ListRunsQueryDto = z.output<typeof listRunsQuerySchema>;

export const previewSchema = z.strictObject({
  limit: z.number().int().min(1).max(200).default(20),
  unmaskReason: z.string().max(500).optional().meta({ description: 'Shows values unmasked (admin); audited with this reason' }),
});
export type PreviewRequestDto = z.output<typeof previewSchema>;

export class ConnectorDto {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'The definition as declared (secrets are named, never held)', type: Object }) definition!: Record<string, unknown>;
  @ApiProperty({ enum: ['api', 'config'] }) declaredIn!: 'api' | 'config';
  @ApiProperty({ nullable: true, type: Object, description: 'Where the next run resumes' }) checkpoint!: unknown;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;

  static of(connector: Connector): ConnectorDto {
    return { key: connector.key, definition: connector.definition, declaredIn: connector.declaredIn, checkpoint: connector.checkpoint, createdAt: connector.createdAt, updatedAt: connector.updatedAt };
  }
}

export class RunAcceptedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'false when a run of the connector was already queued or running: that run is returned' }) created!: boolean;
}

export class ConnectorRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() connector!: string;
  @ApiProperty({ enum: RUN_STATES }) state!: RunState;
  @ApiProperty({ enum: RUN_TRIGGERS }) trigger!: RunTrigger;
  @ApiProperty({ format: 'date-time' }) queuedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: Date | null;
  @ApiProperty() read!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ description: 'Files read to their end (file connectors)' }) files!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Rows read per second of work' }) rate!: number | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Checkpoint of the last committed batch' }) cursor!: unknown;
  @ApiProperty({ required: false }) error?: string;

  static of(run: ConnectorRun): ConnectorRunDto {
    return {
      id: run.id,
      connector: run.connectorKey,
      state: run.state,
      trigger: run.trigger,
      queuedAt: run.queuedAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      read: run.read,
      accepted: run.accepted,
      duplicates: run.duplicates,
      rejected: run.rejected,
      files: run.files,
      rate: run.busyMilliseconds > 0 ? Math.round((run.read / run.busyMilliseconds) * 1000 * 10) / 10 : null,
      cursor: run.checkpoint,
      ...(run.error ? { error: run.error } : {}),
    };
  }
}

export class PreviewItemDto {
  @ApiProperty({ description: 'Position among the rows read' }) row!: number;
  @ApiProperty({ type: Object, description: 'The SourceRecord the row becomes (masked unless unmaskReason is given)' }) record!: unknown;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [String], description: 'Why ingest would quarantine it' }) errors!: string[];
  @ApiProperty({ type: Object, nullable: true, description: 'What the matcher makes of each phone and address (as POST /v1/normalise)' }) normalised!: unknown;
}

export class PreviewDto {
  @ApiProperty() connector!: string;
  @ApiProperty({ type: [PreviewItemDto] }) items!: PreviewItemDto[];
}
