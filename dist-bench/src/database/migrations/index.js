import { ContactPlan1795454700183 } from './1795454700183-contact-plan.js';
import { MergeResolution1795453900000 } from './1795453900000-merge-resolution.js';
import { MatchReview1795453828855 } from './1795453828855-match-review.js';
import { AppendOnlyHistory1795453300000 } from './1795453300000-append-only-history.js';
import { Initial1795453287041 } from './1795453287041-initial.js';
/** In order. `npm run migration:generate -- Name` appends here; never edit a merged migration. */
export const MIGRATIONS = [
    Initial1795453287041,
    AppendOnlyHistory1795453300000,
    MatchReview1795453828855,
    MergeResolution1795453900000,
    ContactPlan1795454700183,
];
//# sourceMappingURL=index.js.map