import { run } from './bootstrap/run.js';
await run('worker');
//# sourceMappingURL=main-worker.js.map