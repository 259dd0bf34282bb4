import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure (PIPL Art. 47) and retention (Art. 19): requests and their status, the minimal proof kept
 * of an erased consent, when a borrower's relationship ended. The audit log stays append-only except
 * for one path: inside a transaction that set `contact_recovery.erasure = on` (set_config(..., true),
 * so it ends with the transaction) a row may have its personal columns (target_id, borrower_ref,
 * purpose, details) replaced by pseudonymous ones; who acted, what and when never change, and rows
 * are never deleted.
 */
export class ErasureAndRetention1797000000000 implements MigrationInterface {
  name = 'ErasureAndRetention1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"borrower_relationship\" (\"borrower_id\" uuid NOT NULL, \"ended_at\" TIMESTAMP WITH TIME ZONE, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_by\" character varying(64) NOT NULL, CONSTRAINT \"PK_1f617708ee0bca633b61e38477f\" PRIMARY KEY (\"borrower_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_ff40ede48a9d3575d2c3740050\" ON \"borrower_relationship\"  (\"ended_at\") ");
    await queryRunner.query("CREATE TABLE \"consent_proof\" (\"id\" BIGSERIAL NOT NULL, \"borrower_pseudonym\" character(64) NOT NULL, \"external_sources\" boolean NOT NULL, \"third_party_contact\" boolean NOT NULL, \"evidence_ref_hash\" character(64) NOT NULL, \"granted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"erasure_id\" uuid NOT NULL, CONSTRAINT \"PK_a37be7a48796f526e78496c1f04\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_1938bad3a6fcbf2d2bfdc25c28\" ON \"consent_proof\"  (\"borrower_pseudonym\") ");
    await queryRunner.query("CREATE TABLE \"erasure_request\" (\"id\" uuid NOT NULL, \"borrower_ref\" character varying(100), \"borrower_pseudonym\" character(64) NOT NULL, \"reason\" text NOT NULL, \"legal_basis\" character varying(32) NOT NULL, \"origin\" character varying(16) NOT NULL, \"requested_by\" character varying(64) NOT NULL, \"status\" character varying(16) NOT NULL, \"counts\" jsonb NOT NULL DEFAULT '{}', \"error\" text, \"requested_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_0c34e095458940f9fb9619f92de\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_55b703edfd9fe7b0158d8ddeb1\" ON \"erasure_request\"  (\"borrower_pseudonym\") ");
    await queryRunner.query("CREATE INDEX \"IDX_42b748e18f3154e15430a5fd2a\" ON \"erasure_request\"  (\"status\", \"requested_at\") ");
    // Deletes and truncation stay refused; updates go through the erasure-only row trigger below.
    await queryRunner.query('DROP TRIGGER audit_event_append_only ON audit_event');
    await queryRunner.query(
      'CREATE TRIGGER audit_event_append_only BEFORE DELETE OR TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION reject_modification()',
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_event_pseudonymise_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('contact_recovery.erasure', true) IS DISTINCT FROM 'on' THEN
          RAISE EXCEPTION 'audit_event is append-only: UPDATE is allowed only inside an erasure' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.id <> OLD.id OR NEW.occurred_at <> OLD.occurred_at OR NEW.actor_id <> OLD.actor_id OR NEW.actor_role <> OLD.actor_role
           OR NEW.action <> OLD.action OR NEW.target_type IS DISTINCT FROM OLD.target_type THEN
          RAISE EXCEPTION 'audit_event: an erasure may only pseudonymise target_id, borrower_ref, purpose and details' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER audit_event_update_only_in_erasure BEFORE UPDATE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_pseudonymise_only()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_event_update_only_in_erasure ON audit_event');
    await queryRunner.query('DROP FUNCTION audit_event_pseudonymise_only()');
    await queryRunner.query('DROP TRIGGER audit_event_append_only ON audit_event');
    await queryRunner.query(
      'CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION reject_modification()',
    );
    await queryRunner.query("DROP INDEX \"public\".\"IDX_42b748e18f3154e15430a5fd2a\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_55b703edfd9fe7b0158d8ddeb1\"");
    await queryRunner.query("DROP TABLE \"erasure_request\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_1938bad3a6fcbf2d2bfdc25c28\"");
    await queryRunner.query("DROP TABLE \"consent_proof\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ff40ede48a9d3575d2c3740050\"");
    await queryRunner.query("DROP TABLE \"borrower_relationship\"");
  }
}
