import { ConsoleLogger } from '@nestjs/common';
const LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
/** Structured JSON logs (one object per line) by default; LOG_FORMAT=text for people at a terminal. */
export function createLogger(config) {
    const logLevels = LEVELS.slice(0, LEVELS.indexOf(config.log.level) + 1);
    return new ConsoleLogger({ json: config.log.format === 'json', logLevels, colors: config.log.format === 'text' });
}
//# sourceMappingURL=logger.js.map