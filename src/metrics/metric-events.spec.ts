import { describe, expect, it } from 'vitest';
import { type MetricEvent, onMetricEvent, recordMetric } from './metric-events.js';

describe('recordMetric', () => {
  const event: MetricEvent = { kind: 'connector.rows', connector: 'crm-drop', rows: 3 };

  it('tells every listener until it unsubscribes', () => {
    const seen: MetricEvent[] = [];
    const stop = onMetricEvent((received) => seen.push(received));
    recordMetric(event);
    stop();
    recordMetric(event);
    expect(seen).toEqual([event]);
  });

  it('never throws, and a failing listener does not keep the others from their sample', () => {
    const seen: MetricEvent[] = [];
    const stopFailing = onMetricEvent(() => {
      throw new Error('broken');
    });
    const stop = onMetricEvent((received) => seen.push(received));
    expect(() => recordMetric(event)).not.toThrow();
    stopFailing();
    stop();
    expect(seen).toEqual([event]);
  });
});
