import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { QUEUE_NAMES } from '../queue/job-definitions.js';
import { JobHandlerRegistryService } from '../queue/job-handler-registry.service.js';
import { QUEUE_DRIVER, type QueueCounts, type QueueDriver } from '../queue/queue-driver.interface.js';
import { BusinessIndicatorsService } from './business-indicators.service.js';
import { CONTACT_STATUSES } from './indicators.js';
import { type MetricEvent, onMetricEvent } from './metric-events.js';
import { boundedLabel, methodLabel, routeLabel, statusClass } from './metric-labels.js';
import { METRICS_MODULE_OPTIONS, type MetricsModuleOptions } from './metrics.options.js';

const PREFIX = 'contact_recovery_';
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const satisfies readonly (keyof QueueCounts)[];

/**
 * The process's metrics, in a registry of its own (not prom-client's global one, so two applications in
 * one process, as in the tests, do not collide). Counters and histograms are fed as things happen; queue
 * depth and the business indicators are read when Prometheus scrapes.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly unsubscribe: (() => void)[] = [];
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly ingestRecords: Counter<'source' | 'outcome'>;
  private readonly connectorRuns: Counter<'connector' | 'state'>;
  private readonly connectorRows: Counter<'connector'>;
  private readonly jobDuration: Histogram<'queue' | 'job_name' | 'outcome'>;

  constructor(
    @Inject(METRICS_MODULE_OPTIONS) options: MetricsModuleOptions,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    jobs: JobHandlerRegistryService,
    private readonly indicators: BusinessIndicatorsService,
  ) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ process_role: options.role });
    collectDefaultMetrics({ register: this.registry });

    this.httpDuration = new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'HTTP request latency by route pattern (never the raw path) and status class',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.ingestRecords = new Counter({
      name: `${PREFIX}ingest_records_total`,
      help: 'Records offered to ingest, by source and outcome (accepted: stored as a new version; duplicate: same content already stored; rejected: quarantined)',
      labelNames: ['source', 'outcome'],
      registers,
    });
    this.connectorRuns = new Counter({
      name: `${PREFIX}connector_runs_total`,
      help: 'Connector runs that ended in this process, by connector and final state',
      labelNames: ['connector', 'state'],
      registers,
    });
    this.connectorRows = new Counter({
      name: `${PREFIX}connector_rows_read_total`,
      help: 'Rows connector runs read and handed to ingest, by connector',
      labelNames: ['connector'],
      registers,
    });
    // job_name, not job: Prometheus sets `job` on every scraped series and would rename ours to exported_job.
    this.jobDuration = new Histogram({
      name: `${PREFIX}job_duration_seconds`,
      help: 'Job handler run time (one attempt, waits for an unavailable database included), by queue, job name and outcome',
      labelNames: ['queue', 'job_name', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 900, 3600],
      registers,
    });
    this.scrapedGauges(registers);

    this.unsubscribe.push(onMetricEvent((event) => this.onEvent(event)));
    this.unsubscribe.push(jobs.observe((run) => this.jobDuration.observe({ queue: run.queue, job_name: run.name, outcome: run.outcome }, run.durationSeconds)));
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe) stop();
  }

  /** Express middleware, installed first so the time includes body parsing; the route is read once the answer is sent. */
  httpMiddleware(): (request: Request, response: Response, next: NextFunction) => void {
    return (request, response, next) => {
      const stop = this.httpDuration.startTimer();
      response.once('finish', () => {
        stop({ method: methodLabel(request.method), route: routeLabel(request.route?.path), status_class: statusClass(response.statusCode) });
      });
      next();
    };
  }

  private onEvent(event: MetricEvent): void {
    switch (event.kind) {
      case 'ingest.batch': {
        const source = boundedLabel(event.source);
        // inc(0) still creates the series, so a source's rate reads 0 rather than "no data".
        this.ingestRecords.inc({ source, outcome: 'accepted' }, event.accepted);
        this.ingestRecords.inc({ source, outcome: 'duplicate' }, event.duplicates);
        this.ingestRecords.inc({ source, outcome: 'rejected' }, event.rejected);
        return;
      }
      case 'connector.rows':
        this.connectorRows.inc({ connector: boundedLabel(event.connector) }, event.rows);
        return;
      case 'connector.run':
        this.connectorRuns.inc({ connector: boundedLabel(event.connector), state: event.state });
        return;
    }
  }

  /** Gauges whose values are read at scrape time. */
  private scrapedGauges(registers: Registry[]): void {
    const queue = this.queue;
    const logger = this.logger;
    new Gauge({
      name: `${PREFIX}queue_jobs`,
      help: 'Jobs in each queue by state, read from the queue at scrape (BullMQ: shared by all processes; in-process: this process)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        try {
          const counts = await Promise.all(QUEUE_NAMES.map(async (name) => [name, await queue.counts(name)] as const));
          for (const [name, count] of counts) for (const state of QUEUE_STATES) this.set({ queue: name, state }, count[state]);
        } catch (error) {
          logger.warn(`queue depth not read: ${error instanceof Error ? error.name : 'unknown error'}`);
        }
      },
    });

    const indicators = this.indicators;
    const gauge = (name: string, help: string, labelNames: string[], fill: (gauge: Gauge, values: NonNullable<Awaited<ReturnType<BusinessIndicatorsService['current']>>>) => void) =>
      new Gauge({
        name: `${PREFIX}${name}`,
        help,
        labelNames,
        registers,
        async collect() {
          const values = await indicators.current();
          this.reset();
          if (values) fill(this, values);
        },
      });
    gauge('borrowers_by_contact_status', 'Borrowers by last assessed lost-contact status (reachable, subjective_lost, objective_lost, unknown)', ['status'], (g, values) => {
      for (const status of CONTACT_STATUSES) g.set({ status }, values.borrowersByStatus[status]);
    });
    gauge('lost_contact_rate', 'Share of borrowers with a known status who are lost (subjectively or objectively); absent when none is known', [], (g, values) => {
      if (values.lostContactRate !== undefined) g.set(values.lostContactRate);
    });
    gauge('repair_runs_started', 'Repair runs on record', [], (g, values) => g.set(values.repair.started));
    gauge('repair_runs_decided', 'Repair runs whose outcome is known: answered within 30 days of the start, or started more than 30 days ago', [], (g, values) => g.set(values.repair.decided));
    gauge('repair_runs_succeeded', 'Repair runs followed by an answered call to the borrower within 30 days of the start', [], (g, values) => g.set(values.repair.succeeded));
    gauge('repair_success_rate', 'Succeeded over decided repair runs; absent when none is decided', [], (g, values) => {
      if (values.repairSuccessRate !== undefined) g.set(values.repairSuccessRate);
    });
    gauge('stale_flags_open', 'Open stale-contact flags by type', ['type'], (g, values) => {
      for (const [type, flags] of Object.entries(values.openStaleFlagsByType)) g.set({ type: boundedLabel(type) }, flags);
    });
  }
}
