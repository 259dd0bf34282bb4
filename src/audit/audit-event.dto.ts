import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsNumberString, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AuditEventQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) actorId?: string;
  @ApiPropertyOptional({ example: 'ingest.batch' }) @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) borrowerRef?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) targetType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) targetId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @Type(() => Date) @IsDate() to?: Date;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsNumberString() before?: string;
  @ApiPropertyOptional({ default: 100, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
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
