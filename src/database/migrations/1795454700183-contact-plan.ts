import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ContactPlan1795454700183 implements MigrationInterface {
  name = 'ContactPlan1795454700183';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"consent\" (\"id\" BIGSERIAL NOT NULL, \"borrower_id\" uuid NOT NULL, \"external_sources\" boolean NOT NULL, \"third_party_contact\" boolean NOT NULL, \"evidence_ref\" character varying(200) NOT NULL, \"granted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"recorded_by\" character varying(64) NOT NULL, CONSTRAINT \"PK_9115e8d6b082d4fc46d56134d29\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_2b532ac3ac67f12f75a1e66ee0\" ON \"consent\"  (\"borrower_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"borrower_status\" (\"borrower_id\" uuid NOT NULL, \"status\" character varying(20) NOT NULL, \"reason\" text NOT NULL, \"since\" TIMESTAMP WITH TIME ZONE NOT NULL, \"assessed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_69887e1841f56599563d6517194\" PRIMARY KEY (\"borrower_id\"))");
    await queryRunner.query("CREATE TABLE \"repair_run\" (\"id\" uuid NOT NULL, \"borrower_id\" uuid NOT NULL, \"reason\" text NOT NULL, \"status\" character varying(16) NOT NULL, \"sources\" text array NOT NULL DEFAULT '{}', \"candidate_contact_point_ids\" uuid array NOT NULL DEFAULT '{}', \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"finished_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_793038286f702d83af96905ad05\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_cca9e82ee6ced1e707873210a1\" ON \"repair_run\"  (\"borrower_id\", \"started_at\") ");
    await queryRunner.query("CREATE TABLE \"contact_attempt\" (\"id\" uuid NOT NULL, \"borrower_id\" uuid NOT NULL, \"contact_point_id\" uuid NOT NULL, \"contacted_person_id\" uuid, \"outcome\" character varying(20) NOT NULL, \"attempted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"callback_requested_at\" TIMESTAMP WITH TIME ZONE, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"recorded_by\" character varying(64) NOT NULL, CONSTRAINT \"PK_abf634ac7eea109d9fe6e267618\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_3dbeb6b205a5e444805a74fb30\" ON \"contact_attempt\"  (\"contact_point_id\", \"attempted_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ed1082c10e3c20b5248bd11cdd\" ON \"contact_attempt\"  (\"borrower_id\", \"attempted_at\") ");
    await queryRunner.query("CREATE TABLE \"contact_preference\" (\"person_id\" uuid NOT NULL, \"do_not_contact\" boolean NOT NULL, \"reason\" text, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_by\" character varying(64) NOT NULL, CONSTRAINT \"PK_b83929c0fba4481795e48fb78ba\" PRIMARY KEY (\"person_id\"))");
    await queryRunner.query("CREATE TABLE \"lead\" (\"id\" uuid NOT NULL, \"borrower_id\" uuid NOT NULL, \"attempt_id\" uuid NOT NULL, \"informant_person_id\" uuid, \"contact_point_ids\" uuid array NOT NULL DEFAULT '{}', \"note\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_ca96c1888f7dcfccab72b72fffa\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_ba15c18174b097a470b217a430\" ON \"lead\"  (\"borrower_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_355f2499092fd2ef2a5a46fc7c\" ON \"source_record_version\"  (\"person_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_355f2499092fd2ef2a5a46fc7c\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ba15c18174b097a470b217a430\"");
    await queryRunner.query("DROP TABLE \"lead\"");
    await queryRunner.query("DROP TABLE \"contact_preference\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ed1082c10e3c20b5248bd11cdd\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_3dbeb6b205a5e444805a74fb30\"");
    await queryRunner.query("DROP TABLE \"contact_attempt\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_cca9e82ee6ced1e707873210a1\"");
    await queryRunner.query("DROP TABLE \"repair_run\"");
    await queryRunner.query("DROP TABLE \"borrower_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_2b532ac3ac67f12f75a1e66ee0\"");
    await queryRunner.query("DROP TABLE \"consent\"");
  }
}
