import { run } from './bootstrap/run.js';
await run('api');
//# sourceMappingURL=main-api.js.map