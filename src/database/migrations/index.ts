import { JobRunWorkerName1797600000000 } from './1797600000000-job-run-worker-name.js';
import { StaleScan1797400000000 } from './1797400000000-stale-scan.js';
import { Users1797500000000 } from './1797500000000-users.js';
import { Webhooks1797300000000 } from './1797300000000-webhooks.js';
import { Connectors1797200000000 } from './1797200000000-connectors.js';
import { Outbox1797100000000 } from './1797100000000-outbox.js';
import { ErasureAndRetention1797000000000 } from './1797000000000-erasure-and-retention.js';
import { ContactPlanFacts1796900000000 } from './1796900000000-contact-plan-facts.js';
import { EstateLocation1796175498180 } from './1796175498180-estate-location.js';
import { ContactPlanDataFunction1795480000000 } from './1795480000000-contact-plan-data-function.js';
import { NoForeignKeysOnProvenanceLinks1795470000000 } from './1795470000000-no-foreign-keys-on-provenance-links.js';
import { UniqueLeadPerAttempt1795459600126 } from './1795459600126-unique-lead-per-attempt.js';
import { HistoryAndMerges1795456400000 } from './1795456400000-history-and-merges.js';
import { Initial1795456356622 } from './1795456356622-initial.js';
import type { MigrationInterface } from 'typeorm';

/** In order. `npm run migration:generate -- Name` appends here; never edit a merged migration. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795456356622,
  HistoryAndMerges1795456400000,
  UniqueLeadPerAttempt1795459600126,
  NoForeignKeysOnProvenanceLinks1795470000000,
  ContactPlanDataFunction1795480000000,
  EstateLocation1796175498180,
  ContactPlanFacts1796900000000,
  ErasureAndRetention1797000000000,
  Outbox1797100000000,
  Connectors1797200000000,
  Webhooks1797300000000,
  StaleScan1797400000000,
  Users1797500000000,
  JobRunWorkerName1797600000000,
];
