import { run } from './bootstrap/run.js';
// API and worker in one process: the zero-configuration default.
await run('all');
//# sourceMappingURL=main.js.map