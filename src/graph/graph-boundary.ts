/**
 * Points that leave the relationship graph: a switchboard or a parcel locker is shared by strangers,
 * so sharing one says nothing about knowing each other. The plan's read is handed this list (it
 * bounds how far the read goes) and nothing else decides it.
 */
export const GRAPH_EXCLUDED_SUBTYPES: readonly string[] = ['organisation', 'pickup_point'];

export function leavesGraph(point: { subtype?: string | null }): boolean {
  return point.subtype !== undefined && point.subtype !== null && GRAPH_EXCLUDED_SUBTYPES.includes(point.subtype);
}
