import { type DynamicModule, Module } from '@nestjs/common';
import type { MetricsSettings } from '../config/configuration.js';
import { BusinessIndicatorsRepository } from './business-indicators.repository.js';
import { BusinessIndicatorsService } from './business-indicators.service.js';
import { MetricsServer } from './metrics-server.service.js';
import { METRICS_MODULE_OPTIONS, type MetricsProcessRole } from './metrics.options.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus metrics when METRICS_PORT is set; without it the module is empty: no listener, no collection. */
@Module({})
export class MetricsModule {
  static forRoot(role: MetricsProcessRole, settings: MetricsSettings | undefined): DynamicModule {
    if (!settings) return { module: MetricsModule };
    return {
      module: MetricsModule,
      providers: [
        { provide: METRICS_MODULE_OPTIONS, useValue: { role, settings } },
        BusinessIndicatorsRepository,
        BusinessIndicatorsService,
        MetricsService,
        MetricsServer,
      ],
      exports: [MetricsService],
    };
  }
}
