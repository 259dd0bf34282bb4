import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { BorrowerEntity } from '../borrowers/borrower.entity.js';
import { ConsentEntity } from '../consent/consent.entity.js';
import { BorrowerStatusEntity } from '../contact-plan/borrower-status.entity.js';
import { RepairRunEntity } from '../repair/repair-run.entity.js';
import { ContactAttemptEntity } from '../contact-attempts/contact-attempt.entity.js';
import { ContactPreferenceEntity } from '../contact-attempts/contact-preference.entity.js';
import { LeadEntity } from '../contact-attempts/lead.entity.js';
import { IngestBatchEntity } from '../ingest/ingest-batch.entity.js';
import { QuarantinedRecordEntity } from '../ingest/quarantined-record.entity.js';
import { SourceRecordVersionEntity } from '../records/source-record-version.entity.js';
import { SourceRecordEntity } from '../records/source-record.entity.js';
import { BorrowerPersonEntity } from '../matching/borrower-person.entity.js';
import { ContactPointBlockEntity } from '../matching/contact-point-block.entity.js';
import { ContactPointEntity } from '../matching/contact-point.entity.js';
import { EstateLocationEntity } from '../matching/estate-location.entity.js';
import { ObservationEntity } from '../matching/observation.entity.js';
import { PersonContactPointEntity } from '../matching/person-contact-point.entity.js';
import { PersonEntity } from '../matching/person.entity.js';
import { MatchSuggestionEntity } from '../review/match-suggestion.entity.js';
import { MergeEntity } from '../review/merge.entity.js';
import { SourceEntity } from '../sources/source.entity.js';
import { OutboxEntity } from '../queue/outbox.entity.js';
import { BorrowerRelationshipEntity } from '../erasure/borrower-relationship.entity.js';
import { ConsentProofEntity } from '../erasure/consent-proof.entity.js';
import { ErasureRequestEntity } from '../erasure/erasure-request.entity.js';
import { ConnectorFileEntity } from '../connectors/connector-file.entity.js';
import { ConnectorRunEntity } from '../connectors/connector-run.entity.js';
import { ConnectorEntity } from '../connectors/connector.entity.js';
import { ExternalInquiryEntity } from '../connectors/external-inquiry.entity.js';
import { UserSessionEntity } from '../users/user-session.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { JobRunEntity } from '../jobs/job-run.entity.js';
import { StaleFlagEntity } from '../stale/stale-flag.entity.js';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity.js';
import { WebhookEntity } from '../webhooks/webhook.entity.js';

export const ENTITIES = [
  AuditEventEntity,
  BorrowerEntity,
  BorrowerPersonEntity,
  BorrowerStatusEntity,
  RepairRunEntity,
  ConsentEntity,
  ContactAttemptEntity,
  ContactPreferenceEntity,
  LeadEntity,
  ContactPointBlockEntity,
  ContactPointEntity,
  EstateLocationEntity,
  IngestBatchEntity,
  MatchSuggestionEntity,
  MergeEntity,
  ObservationEntity,
  PersonContactPointEntity,
  PersonEntity,
  QuarantinedRecordEntity,
  SourceEntity,
  OutboxEntity,
  SourceRecordEntity,
  SourceRecordVersionEntity,
  BorrowerRelationshipEntity,
  ConsentProofEntity,
  ErasureRequestEntity,
  ConnectorEntity,
  ConnectorRunEntity,
  ConnectorFileEntity,
  ExternalInquiryEntity,
  UserEntity,
  UserSessionEntity,
  JobRunEntity,
  StaleFlagEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
];
