import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SOURCE_KINDS, SOURCE_SYSTEMS, type SourceKind, type SourceSystem } from './source-types.js';

export class PutSourceDto {
  @ApiProperty({ enum: SOURCE_SYSTEMS }) @IsIn(SOURCE_SYSTEMS) system!: SourceSystem;
  @ApiProperty({ enum: SOURCE_KINDS, description: 'external sources are used only with the borrower\'s consent' })
  @IsIn(SOURCE_KINDS)
  kind!: SourceKind;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'How far its data is believed; default 0.8 internal, 0.6 external' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  trust?: number;
}

export class SourceDto {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: SOURCE_SYSTEMS }) system!: SourceSystem;
  @ApiProperty({ enum: SOURCE_KINDS }) kind!: SourceKind;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty() trust!: number;
  @ApiProperty({ enum: ['api', 'config'] }) declaredIn!: 'api' | 'config';
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}
