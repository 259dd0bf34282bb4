import { parseConnectorCommand } from './bootstrap/connector-command-line.js';

const parsed = parseConnectorCommand(process.argv.slice(2));
if ('exit' in parsed) {
  if (parsed.message) console.log(parsed.message);
  if (parsed.error) console.error(parsed.error);
  process.exit(parsed.exit);
}
// Loaded only for a command that needs the application.
const { connectorCommand } = await import('./bootstrap/connector-command.js');
process.exit(await connectorCommand(parsed.run, 'key' in parsed ? parsed.key : undefined));
