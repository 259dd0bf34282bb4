import { connectorCommand } from './bootstrap/connector-command.js';

process.exit(await connectorCommand(process.argv.slice(2)));
