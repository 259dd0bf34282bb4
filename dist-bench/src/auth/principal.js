/** The principal for work the service does on its own (jobs, connectors, start-up). */
export const SYSTEM_PRINCIPAL = { id: 'system', role: 'admin' };
//# sourceMappingURL=principal.js.map