import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { dateTime } from '../common/date-time.js';
import { DEFAULT_YIELD_DAYS, MAX_YIELD_DAYS, yieldWindow } from './source-yield.js';

export const sourceYieldQuerySchema = z
  .strictObject({
    from: dateTime().optional().meta({ description: `Start, inclusive; default ${DEFAULT_YIELD_DAYS} days before \`to\`. Without an offset, China Standard Time`, example: '2026-11-01' }),
    to: dateTime().optional().meta({ description: `End, exclusive; default now; at most ${MAX_YIELD_DAYS} days after \`from\``, example: '2026-12-01' }),
  })
  .transform((query, context) => {
    const window = yieldWindow(query, new Date());
    if ('problem' in window) {
      context.issues.push({ code: 'custom', input: query[window.field], path: [window.field], message: window.problem });
      return z.NEVER;
    }
    return window;
  });
export type SourceYieldQueryDto = z.output<typeof sourceYieldQuerySchema>;

export class KindYieldDto {
  @ApiProperty({ description: 'Contact points whose earliest observation, across all sources, came from this source in the window' }) contributedFirst!: number;
  @ApiProperty({ description: 'Of those, the points an answered call has reached since (up to now)' }) confirmed!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'confirmed / contributedFirst; null when nothing was contributed' }) share!: number | null;
}

class YieldByKindDto {
  @ApiProperty({ type: KindYieldDto }) phone!: KindYieldDto;
  @ApiProperty({ type: KindYieldDto }) address!: KindYieldDto;
}

export class SourceYieldDto extends KindYieldDto {
  @ApiProperty() source!: string;
  @ApiProperty({ format: 'date-time' }) from!: Date;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to!: Date;
  @ApiProperty({ description: 'Record versions received in the window (a record sent again with changes counts again)' }) recordsReceived!: number;
  @ApiProperty({ description: 'Records received for the first time in the window' }) newRecords!: number;
  @ApiProperty({ type: YieldByKindDto }) byKind!: YieldByKindDto;
}
