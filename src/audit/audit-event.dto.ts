import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { dateTime } from '../common/date-time.js';
import { MAX_BIGINT, text } from '../common/text.js';

export const auditEventQuerySchema = z.strictObject({
  actorId: text().max(64).optional(),
  user: text().max(64).optional().meta({ description: 'A console user: username, user id or `user:<id>`', example: 'zhang.wei' }),
  action: text().max(64).optional().meta({ example: 'ingest.batch' }),
  borrowerRef: text().max(100).optional(),
  targetType: text().max(32).optional(),
  targetId: text().max(200).optional(),
  from: dateTime().optional(),
  to: dateTime().optional(),
  // Event ids are bigints.
  before: z
    .string()
    .regex(/^\d{1,19}$/, { error: 'must be the nextCursor of the previous page', abort: true })
    .refine((value) => BigInt(value) <= MAX_BIGINT, { error: 'must be the nextCursor of the previous page' })
    .optional()
    .meta({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditEventQueryDto = z.output<typeof auditEventQuerySchema>;

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The console user who acted (actorId is then `user:<id>`); null for API keys and the system' }) actorUsername!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ nullable: true, type: String }) targetType!: string | null;
  @ApiProperty({ nullable: true, type: String }) targetId!: string | null;
  @ApiProperty({ nullable: true, type: String }) borrowerRef!: string | null;
  @ApiProperty({ nullable: true, type: String }) purpose!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next (older) page' }) nextCursor!: string | null;
}
