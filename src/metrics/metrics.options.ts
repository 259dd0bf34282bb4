import type { MetricsSettings } from '../config/configuration.js';

/** Which entry point this process is: every series carries it as `process_role`. */
export type MetricsProcessRole = 'all' | 'api' | 'worker';

export interface MetricsModuleOptions {
  role: MetricsProcessRole;
  settings: MetricsSettings;
}

export const METRICS_MODULE_OPTIONS = Symbol('METRICS_MODULE_OPTIONS');
