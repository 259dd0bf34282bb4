import { Injectable } from '@nestjs/common';
import { SourcesService } from '../sources/sources.service.js';
import { type SourceYield, sourceYield, type YieldWindow } from './source-yield.js';
import { SourceYieldRepository } from './source-yield.repository.js';

/** Which source is worth its price: what it brought in and what of that led to answered calls. */
@Injectable()
export class SourceYieldService {
  constructor(
    private readonly sources: SourcesService,
    private readonly yields: SourceYieldRepository,
  ) {}

  /** 404 for a source that is not registered. Counts only, no personal data: not audited. */
  async sourceYield(key: string, window: YieldWindow): Promise<SourceYield> {
    await this.sources.get(key);
    const facts = await this.yields.countYield(key, window.from, window.to);
    return sourceYield(key, window, facts);
  }
}
