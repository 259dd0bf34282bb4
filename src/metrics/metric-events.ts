/**
 * What the write paths report to the metrics, without depending on them: ingest and connector runs
 * call `recordMetric` (one line, no injection); the metrics service of a process that exposes metrics
 * listens, and with no listener (metrics off) a call costs a loop over an empty set.
 */

export type MetricEvent =
  | { kind: 'ingest.batch'; source: string; accepted: number; duplicates: number; rejected: number }
  | { kind: 'connector.rows'; connector: string; rows: number }
  | { kind: 'connector.run'; connector: string; state: 'completed' | 'failed' };

export type MetricListener = (event: MetricEvent) => void;

const listeners = new Set<MetricListener>();

/** Never throws: a metric must not fail the work it measures. */
export function recordMetric(event: MetricEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // a broken listener loses its sample, nothing else
    }
  }
}

/** Returns the unsubscribe. */
export function onMetricEvent(listener: MetricListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
