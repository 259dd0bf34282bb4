/** A DataSource (each statement its own transaction) or an EntityManager inside one. */
export interface Queryable {
  query(query: string, parameters?: unknown[]): Promise<any>;
}
