import { Inject, Injectable, Logger } from '@nestjs/common';
import { safeErrorMessage } from '../database/safe-typeorm.logger.js';
import { BusinessIndicatorsRepository } from './business-indicators.repository.js';
import { borrowersByStatus, type ContactStatus, lostContactRate, REPAIR_SUCCESS_WINDOW_DAYS, type RepairCounts, repairSuccessRate } from './indicators.js';
import { METRICS_MODULE_OPTIONS, type MetricsModuleOptions } from './metrics.options.js';

export interface BusinessIndicators {
  borrowersByStatus: Record<ContactStatus, number>;
  lostContactRate?: number;
  repair: RepairCounts;
  repairSuccessRate?: number;
  openStaleFlagsByType: Record<string, number>;
}

/**
 * The indicators a collection manager watches, computed from the database at scrape time and reused for
 * `indicatorCacheSeconds`, so frequent scrapes (and several Prometheus servers) cost one set of queries.
 */
@Injectable()
export class BusinessIndicatorsService {
  private readonly logger = new Logger('Metrics');
  private cached?: { value: BusinessIndicators; at: number };
  private pending?: Promise<BusinessIndicators>;

  constructor(
    private readonly repository: BusinessIndicatorsRepository,
    @Inject(METRICS_MODULE_OPTIONS) private readonly options: MetricsModuleOptions,
  ) {}

  /** The cached indicators, refreshed when older than the cache time; the last known ones (or none) while the database fails. */
  async current(now = Date.now()): Promise<BusinessIndicators | undefined> {
    if (this.cached && now - this.cached.at < this.options.settings.indicatorCacheSeconds * 1000) return this.cached.value;
    // Concurrent scrapes share one refresh.
    this.pending ??= this.compute().finally(() => {
      this.pending = undefined;
    });
    try {
      const value = await this.pending;
      this.cached = { value, at: Date.now() };
      return value;
    } catch (error) {
      this.logger.warn(`business indicators not refreshed: ${safeErrorMessage(error)}`);
      return this.cached?.value;
    }
  }

  private async compute(): Promise<BusinessIndicators> {
    const [statusRows, repair, staleRows] = await Promise.all([
      this.repository.borrowersByStatus(),
      this.repository.repairCounts(REPAIR_SUCCESS_WINDOW_DAYS),
      this.repository.openStaleFlagsByType(),
    ]);
    const byStatus = borrowersByStatus(statusRows);
    return {
      borrowersByStatus: byStatus,
      lostContactRate: lostContactRate(byStatus),
      repair,
      repairSuccessRate: repairSuccessRate(repair),
      openStaleFlagsByType: Object.fromEntries(staleRows.map((row) => [row.type, row.flags])),
    };
  }
}
