import type { ApiRole } from '../config/configuration.js';

/**
 * Who is calling: the role and a stable id. For an API key the id is derived from the key (never the
 * key itself); for a person signed in to the console it is `user:<uuid>` and `username` names them.
 */
export interface Principal {
  id: string;
  role: ApiRole;
  /** Set only for a person's session: audit events record it beside the id. */
  username?: string;
}

/** The principal for work the service does on its own (jobs, connectors, start-up). */
export const SYSTEM_PRINCIPAL: Principal = { id: 'system', role: 'admin' };
