import type { MigrationInterface, QueryRunner } from 'typeorm';

const PSEUDONYMISE_ONLY = (protectUsername: boolean) => `
      CREATE OR REPLACE FUNCTION audit_event_pseudonymise_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('contact_recovery.erasure', true) IS DISTINCT FROM 'on' THEN
          RAISE EXCEPTION 'audit_event is append-only: UPDATE is allowed only inside an erasure' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.id <> OLD.id OR NEW.occurred_at <> OLD.occurred_at OR NEW.actor_id <> OLD.actor_id OR NEW.actor_role <> OLD.actor_role
           OR NEW.action <> OLD.action OR NEW.target_type IS DISTINCT FROM OLD.target_type${protectUsername ? '\n           OR NEW.actor_username IS DISTINCT FROM OLD.actor_username' : ''} THEN
          RAISE EXCEPTION 'audit_event: an erasure may only pseudonymise target_id, borrower_ref, purpose and details' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`;

/**
 * Console accounts and their server-side sessions (issue 14, identity), and the username of the person
 * behind an audit event. The new audit column is nullable (API keys and the system have no username) and,
 * like the actor id, is among the columns an erasure may never rewrite.
 */
export class Users1797500000000 implements MigrationInterface {
  name = 'Users1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"user_session\" (\"token_hash\" character(64) NOT NULL, \"user_id\" uuid NOT NULL, \"csrf_token\" character varying(64) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_9ccf6d901cef4067214284f327e\" PRIMARY KEY (\"token_hash\"))");
    await queryRunner.query("CREATE INDEX \"IDX_b780edd82ee3c148f8a4c68492\" ON \"user_session\"  (\"last_seen_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_13275383dcdf095ee29f2b3455\" ON \"user_session\"  (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"user_account\" (\"id\" uuid NOT NULL, \"username\" character varying(64) NOT NULL, \"display_name\" character varying(100) NOT NULL, \"roles\" character varying(16) array NOT NULL, \"password_hash\" character varying(200), \"password_set_at\" TIMESTAMP WITH TIME ZONE, \"setup_code_hash\" character(64), \"setup_code_expires_at\" TIMESTAMP WITH TIME ZONE, \"disabled_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_by\" character varying(64) NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"UQ_3c4d4fae641bf9048ad324ee0d9\" UNIQUE (\"username\"), CONSTRAINT \"PK_6acfec7285fdf9f463462de3e9f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"audit_event\" ADD \"actor_username\" character varying(64)");
    await queryRunner.query("CREATE INDEX \"IDX_9c34683b1ee363c04980989471\" ON \"audit_event\"  (\"actor_username\", \"occurred_at\") ");
    await queryRunner.query(PSEUDONYMISE_ONLY(true));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(PSEUDONYMISE_ONLY(false));
    await queryRunner.query("DROP INDEX \"public\".\"IDX_9c34683b1ee363c04980989471\"");
    await queryRunner.query("ALTER TABLE \"audit_event\" DROP COLUMN \"actor_username\"");
    await queryRunner.query("DROP TABLE \"user_account\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_13275383dcdf095ee29f2b3455\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_b780edd82ee3c148f8a4c68492\"");
    await queryRunner.query("DROP TABLE \"user_session\"");
  }
}
