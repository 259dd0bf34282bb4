import type { ApiRole } from '../config/configuration.js';

/** Who is calling: the role and a stable id derived from the key (never the key itself). */
export interface Principal {
  id: string;
  role: ApiRole;
}

/** The principal for work the service does on its own (jobs, connectors, start-up). */
export const SYSTEM_PRINCIPAL: Principal = { id: 'system', role: 'admin' };
