import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Connectors1797200000000 implements MigrationInterface {
  name = 'Connectors1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"connector_file\" (\"connector_key\" character varying(63) NOT NULL, \"checksum\" character(64) NOT NULL, \"name\" text NOT NULL, \"size\" bigint NOT NULL, \"rows\" integer NOT NULL, \"run_id\" uuid NOT NULL, \"completed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_284c9cb26f73cec1f2107f61117\" PRIMARY KEY (\"connector_key\", \"checksum\"))");
    await queryRunner.query("CREATE TABLE \"connector_run\" (\"id\" uuid NOT NULL, \"connector_key\" character varying(63) NOT NULL, \"trigger\" character varying(16) NOT NULL, \"requested_by\" character varying(64) NOT NULL, \"state\" character varying(16) NOT NULL, \"queued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"read\" integer NOT NULL DEFAULT '0', \"accepted\" integer NOT NULL DEFAULT '0', \"duplicates\" integer NOT NULL DEFAULT '0', \"rejected\" integer NOT NULL DEFAULT '0', \"files\" integer NOT NULL DEFAULT '0', \"busy_milliseconds\" bigint NOT NULL DEFAULT '0', \"checkpoint\" jsonb, \"error\" text, CONSTRAINT \"PK_0dac370472692264fce4ff1d9ac\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_30d8c2aabe45658bee0aba365e\" ON \"connector_run\"  (\"state\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3847ce2993af6533de320046dc\" ON \"connector_run\"  (\"connector_key\", \"queued_at\") ");
    await queryRunner.query("CREATE TABLE \"connector\" (\"key\" character varying(63) NOT NULL, \"source_key\" character varying(63) NOT NULL, \"kind\" character varying(16) NOT NULL, \"definition\" jsonb NOT NULL, \"declared_in\" character varying(8) NOT NULL, \"checkpoint\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_4b29001cd7cb2faec02584a1dce\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("CREATE INDEX \"IDX_f9f32c93590b612645243f1fc6\" ON \"connector\"  (\"source_key\") ");
    await queryRunner.query("CREATE TABLE \"external_inquiry\" (\"id\" uuid NOT NULL, \"connector_key\" character varying(63) NOT NULL, \"source_key\" character varying(63) NOT NULL, \"borrower_id\" uuid NOT NULL, \"repair_run_id\" uuid, \"legal_basis\" text NOT NULL, \"asked_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"outcome\" character varying(16) NOT NULL, \"http_status\" integer, \"records\" integer NOT NULL DEFAULT '0', \"duration_milliseconds\" integer NOT NULL, \"error\" text, CONSTRAINT \"PK_1acae92fccb02893a82ce9746af\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_74383e15a50a506acf04404529\" ON \"external_inquiry\"  (\"repair_run_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4fdeb4f16d6ebcbca4088b09df\" ON \"external_inquiry\"  (\"borrower_id\", \"asked_at\") ");
    await queryRunner.query("ALTER TABLE \"repair_run\" ADD \"requested_by\" character varying(64) NOT NULL DEFAULT 'system'");
    await queryRunner.query("ALTER TABLE \"repair_run\" ADD \"inquiries\" jsonb NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"repair_run\" ADD \"new_contact_point_ids\" uuid array NOT NULL DEFAULT '{}'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"repair_run\" DROP COLUMN \"new_contact_point_ids\"");
    await queryRunner.query("ALTER TABLE \"repair_run\" DROP COLUMN \"inquiries\"");
    await queryRunner.query("ALTER TABLE \"repair_run\" DROP COLUMN \"requested_by\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_4fdeb4f16d6ebcbca4088b09df\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_74383e15a50a506acf04404529\"");
    await queryRunner.query("DROP TABLE \"external_inquiry\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_f9f32c93590b612645243f1fc6\"");
    await queryRunner.query("DROP TABLE \"connector\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_3847ce2993af6533de320046dc\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_30d8c2aabe45658bee0aba365e\"");
    await queryRunner.query("DROP TABLE \"connector_run\"");
    await queryRunner.query("DROP TABLE \"connector_file\"");
  }
}
