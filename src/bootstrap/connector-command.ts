import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { SYSTEM_PRINCIPAL } from '../auth/principal.js';
import { ConnectorRunsService, type RunObserver } from '../connectors/connector-runs.service.js';
import { ConnectorsService } from '../connectors/connectors.service.js';
import { progressLine } from '../connectors/run-progress.js';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { startDatabase } from './database-server.js';
import { createLogger } from './logger.js';
import { configurationOrReason } from './run.js';

/** The connector command line: backfills by hand, with a progress bar on a terminal and plain lines otherwise. */
export async function connectorCommand(command: 'list' | 'run', key: string | undefined, output: NodeJS.WriteStream = process.stderr): Promise<number> {
  const config = configurationOrReason();
  if (!config) return 1;
  Logger.overrideLogger(createLogger({ ...config, log: { ...config.log, level: 'warn' } }));
  const database = await startDatabase(config);
  // No HTTP, no queue workers of its own when Redis is there: the service's workers take the deferred work.
  // No metrics listener either: a one-off command would take the running service's METRICS_PORT.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config: { ...config, metrics: undefined }, databaseUrl: database.url, role: 'api' }), { logger: ['error', 'warn'] });
  try {
    if (command === 'list') {
      for (const connector of await app.get(ConnectorsService).list()) {
        const { kind, source, schedule, enabled } = connector.definition;
        console.log(`${connector.key}\t${kind}\t→ ${source}\t${schedule ?? 'on demand'}${enabled === false ? '\tdisabled' : ''}\tcheckpoint ${JSON.stringify(connector.checkpoint)}`);
      }
      return 0;
    }
    const runs = app.get(ConnectorRunsService);
    const { id, created } = await runs.request(SYSTEM_PRINCIPAL, key!, 'command-line');
    if (!created) output.write(`a run of ${key} is already queued or running (${id}); waiting for it to finish\n`);
    const run = await runs.execute(id, progressObserver(output));
    if (output.isTTY) output.write('\n');
    // Deferred matching work of the batches: handed to the queue before exit (in-process: done here).
    await app.get(OutboxDispatcher).handOver();
    if (!app.get(MessageQueueService).durable) await waitForOwedWork(app.get(OutboxDispatcher));
    console.log(
      `${run.state}: ${run.read} rows read, ${run.accepted} stored, ${run.duplicates} duplicates, ${run.rejected} quarantined, ${run.files} file(s)` +
        (run.error ? `\nerror: ${run.error}` : ''),
    );
    return run.state === 'completed' ? 0 : 1;
  } finally {
    await app.close();
    await database.stop();
  }
}

function progressObserver(output: NodeJS.WriteStream): RunObserver {
  const started = Date.now();
  let total: number | undefined;
  let lastLine = 0;
  return {
    started(info) {
      total = info.remaining;
      output.write(`running ${info.connectorKey}${total === undefined ? '' : ` (${total.toLocaleString('en-US')} rows to read)`}\n`);
    },
    progress(counts) {
      const line = progressLine({ ...counts, total, elapsedMilliseconds: Date.now() - started });
      if (output.isTTY) output.write(`\r${line}\u001b[K`);
      else if (Date.now() - lastLine >= 5_000) {
        output.write(`${line}\n`);
        lastLine = Date.now();
      }
    },
  };
}

async function waitForOwedWork(dispatcher: OutboxDispatcher): Promise<void> {
  for (let waited = 0; waited < 600_000; waited += 200) {
    const status = await dispatcher.status();
    if (status.pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
