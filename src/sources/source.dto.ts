import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { SOURCE_KINDS, SOURCE_SYSTEMS, type SourceKind, type SourceSystem } from './source-types.js';

export const putSourceSchema = z.strictObject({
  system: z.enum(SOURCE_SYSTEMS),
  kind: z.enum(SOURCE_KINDS).meta({ description: "external sources are used only with the borrower's consent" }),
  displayName: z.string().max(200).optional(),
  trust: z.number().min(0).max(1).optional().meta({ description: 'How far its data is believed; default 0.8 internal, 0.6 external' }),
});
export type PutSourceDto = z.output<typeof putSourceSchema>;

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
