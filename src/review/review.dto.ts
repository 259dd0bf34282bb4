import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class SuggestionQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'accepted', 'rejected', 'split'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'accepted', 'rejected', 'split'])
  status?: 'pending' | 'accepted' | 'rejected' | 'split';

  @ApiPropertyOptional({ enum: ['address', 'person'] }) @IsOptional() @IsIn(['address', 'person']) kind?: 'address' | 'person';
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(100) after?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['accept', 'reject'] }) @IsIn(['accept', 'reject']) decision!: 'accept' | 'reject';
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class SplitDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why the merge was wrong (audited)' }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class MergeQueryDto {
  @ApiPropertyOptional({ enum: ['address', 'person'] }) @IsOptional() @IsIn(['address', 'person']) kind?: 'address' | 'person';
  @ApiPropertyOptional({ description: 'Merges of this person or contact point, as survivor or merged' }) @IsOptional() @IsString() @MaxLength(36) id?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class SuggestionFieldDto {
  @ApiProperty() field!: string;
  @ApiPropertyOptional() left?: string;
  @ApiPropertyOptional() right?: string;
  @ApiProperty({ enum: ['agree', 'differ', 'missing', 'similar'] }) agreement!: string;
}

export class SuggestionSideDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ description: 'Parsed address parts (address suggestions)', type: 'object', additionalProperties: true })
  address?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Raw address texts as sources wrote them', type: [String] }) mentions?: string[];
  @ApiPropertyOptional({ description: 'Person name (person suggestions)' }) name?: string;
  @ApiPropertyOptional({ type: [String] }) relations?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Masked phones' }) phones?: string[];
  @ApiProperty() observations!: number;
}

export class SuggestionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['address', 'person'] }) kind!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ enum: ['pending', 'accepted', 'rejected', 'split'] }) status!: string;
  @ApiProperty({ type: [SuggestionFieldDto], description: 'Which parts agreed and which differed' }) fields!: SuggestionFieldDto[];
  @ApiProperty({ type: SuggestionSideDto }) left!: SuggestionSideDto;
  @ApiProperty({ type: SuggestionSideDto }) right!: SuggestionSideDto;
  @ApiPropertyOptional({ nullable: true, type: String }) borrowerRef!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
}

export class SuggestionPageDto {
  @ApiProperty({ type: [SuggestionDto] }) items!: SuggestionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class MergeDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['address', 'person'] }) kind!: string;
  @ApiProperty() survivorId!: string;
  @ApiProperty() mergedId!: string;
  @ApiProperty({ nullable: true, type: String }) suggestionId!: string | null;
  @ApiProperty({ enum: ['operator', 'automatic'] }) origin!: string;
  @ApiProperty() mergedBy!: string;
  @ApiProperty({ format: 'date-time' }) mergedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) splitAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) splitBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class DecisionResultDto {
  @ApiProperty({ type: SuggestionDto }) suggestion!: SuggestionDto;
  @ApiPropertyOptional({ type: MergeDto, description: 'The merge an accept made' }) merge?: MergeDto;
}

export class PipelineStatusDto {
  @ApiProperty({ description: 'Deferred matching work not finished yet (waiting, running or waiting to retry)' }) pending!: number;
  @ApiProperty({ description: 'Suggestions waiting for an operator' }) pendingSuggestions!: number;
  @ApiProperty({ enum: ['bullmq', 'in-process'] }) queue!: string;
}
