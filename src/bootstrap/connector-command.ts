import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { SYSTEM_PRINCIPAL } from '../auth/principal.js';
import { ConfigurationError, loadConfiguration } from '../config/configuration.js';
import { ConnectorRunsService, type RunObserver } from '../connectors/connector-runs.service.js';
import { ConnectorsService } from '../connectors/connectors.service.js';
import { progressLine } from '../connectors/run-progress.js';
import { MessageQueueService } from '../queue/message-queue.service.js';
import { OutboxDispatcher } from '../queue/outbox-dispatcher.service.js';
import { startDatabase } from './database-server.js';
import { createLogger } from './logger.js';

const USAGE = `Usage: npm run connector -- <command>

Commands:
  list          the declared connectors, their kind, source, schedule and checkpoint
  run <key>     runs the connector now, in this process, to its end (resumes from its checkpoint)
  --help        this text

The command uses the service's configuration (environment, CONFIG_DIR) and database. With the
embedded database, stop the service first; with DATABASE_URL it can run beside it. A run of a
connector never overlaps another run of the same connector: it waits for it.`;

/** The connector command line: backfills by hand, with a progress bar on a terminal and plain lines otherwise. */
export async function connectorCommand(argv: readonly string[], output: NodeJS.WriteStream = process.stderr): Promise<number> {
  const [command, key] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'list' && command !== 'run') {
    console.error(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (command === 'run' && !key) {
    console.error('run needs a connector key: npm run connector -- run <key>');
    return 2;
  }
  let config;
  try {
    config = loadConfiguration();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  Logger.overrideLogger(createLogger({ ...config, log: { ...config.log, level: 'warn' } }));
  const database = await startDatabase(config);
  // No HTTP, no queue workers of its own when Redis is there: the service's workers take the deferred work.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: database.url, role: 'api' }), { logger: ['error', 'warn'] });
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
