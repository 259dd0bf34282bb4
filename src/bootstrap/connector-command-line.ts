/** Reads the command line of `npm run connector` without loading the application, so --help and mistakes answer at once. */
export const USAGE = `Usage: npm run connector -- <command>

Commands:
  list          the declared connectors, their kind, source, schedule and checkpoint
  run <key>     runs the connector now, in this process, to its end (resumes from its checkpoint)
  --help        this text

The command uses the service's configuration (environment, CONFIG_DIR) and database. With the
embedded database, stop the service first; with DATABASE_URL it can run beside it. A run of a
connector never overlaps another run of the same connector: it waits for it.`;

export type ParsedCommand = { run: 'list' } | { run: 'run'; key: string } | { exit: number; message?: string; error?: string };

export function parseConnectorCommand(argv: readonly string[]): ParsedCommand {
  const [command, key] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { exit: command ? 0 : 2, message: USAGE };
  if (command === 'list') return { run: 'list' };
  if (command !== 'run') return { exit: 2, error: `unknown command "${command}"\n\n${USAGE}` };
  if (!key) return { exit: 2, error: 'run needs a connector key: npm run connector -- run <key>' };
  return { run: 'run', key };
}
