import { AppendOnlyHistory1795453300000 } from './1795453300000-append-only-history.js';
import { Initial1795453287041 } from './1795453287041-initial.js';
/** In order. `npm run migration:generate -- Name` appends here; never edit a merged migration. */
export const MIGRATIONS = [
    Initial1795453287041,
    AppendOnlyHistory1795453300000,
];
//# sourceMappingURL=index.js.map