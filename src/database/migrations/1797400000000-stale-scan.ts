import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StaleScan1797400000000 implements MigrationInterface {
  name = 'StaleScan1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"job_run\" (\"id\" uuid NOT NULL, \"type\" character varying(32) NOT NULL, \"state\" character varying(16) NOT NULL, \"progress\" jsonb NOT NULL DEFAULT '{}', \"counts\" jsonb NOT NULL DEFAULT '{}', \"checkpoint\" text, \"requested_by\" character varying(64) NOT NULL, \"queued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"error\" text, CONSTRAINT \"PK_96fe0b041b8bc157dcec25bd8ef\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_d6754ae256ecc9d2b417c545bc\" ON \"job_run\"  (\"type\", \"queued_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_aae59a249bbc047750d22e274f\" ON \"job_run\"  (\"type\", \"state\") ");
    await queryRunner.query("CREATE TABLE \"stale_flag\" (\"id\" uuid NOT NULL, \"borrower_id\" uuid NOT NULL, \"contact_point_id\" uuid, \"type\" character varying(24) NOT NULL, \"status\" character varying(8) NOT NULL, \"evidence\" jsonb NOT NULL, \"suggested_replacement_id\" uuid, \"suggested_actions\" jsonb NOT NULL DEFAULT '[]', \"detected_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"closed_because\" jsonb, CONSTRAINT \"PK_32f73cf74d27cc8aedf5bb854e1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_8870098199664fbc6fadd35d3d\" ON \"stale_flag\"  (\"closed_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9ff7d356e04ecea481a41af93e\" ON \"stale_flag\"  (\"detected_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0749f049a9027a7f57bc5b3a19\" ON \"stale_flag\"  (\"borrower_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_21097a015e9c7a53e6fd228718\" ON \"stale_flag\"  (\"status\", \"id\") ");
    await queryRunner.query("ALTER TABLE \"stale_flag\" ADD CONSTRAINT \"FK_3b9a6aba0e9bb2feaf49d285211\" FOREIGN KEY (\"borrower_id\") REFERENCES \"borrower\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    // At most one open flag per borrower, point and type: a second scan raises nothing new (ON CONFLICT DO NOTHING).
    // job_change flags name no point, hence the expression (PostgreSQL 13 has no NULLS NOT DISTINCT).
    await queryRunner.query("CREATE UNIQUE INDEX \"stale_flag_one_open\" ON \"stale_flag\" (\"borrower_id\", (COALESCE(\"contact_point_id\", '00000000-0000-0000-0000-000000000000'::uuid)), \"type\") WHERE \"status\" = 'open'");
    // The scan reads every observation of a batch of borrowers: with what it needs in the index, no heap visit per row.
    await queryRunner.query("CREATE INDEX \"observation_stale_scan\" ON \"observation\" (\"borrower_id\") INCLUDE (\"contact_point_id\", \"source_key\", \"observed_at\", \"id\") WHERE \"contact_point_id\" IS NOT NULL AND \"field\" <> 'employer_phone'");
    // Only record versions that name an employer, for job_change.
    await queryRunner.query("CREATE INDEX \"source_record_version_employer\" ON \"source_record_version\" (\"person_id\") INCLUDE (\"observed_at\", \"source_record_uuid\") WHERE (\"payload\" -> 'employer' ->> 'name') IS NOT NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"source_record_version_employer\"");
    await queryRunner.query("DROP INDEX \"public\".\"observation_stale_scan\"");
    await queryRunner.query("DROP INDEX \"public\".\"stale_flag_one_open\"");
    await queryRunner.query("ALTER TABLE \"stale_flag\" DROP CONSTRAINT \"FK_3b9a6aba0e9bb2feaf49d285211\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_21097a015e9c7a53e6fd228718\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_0749f049a9027a7f57bc5b3a19\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_9ff7d356e04ecea481a41af93e\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_8870098199664fbc6fadd35d3d\"");
    await queryRunner.query("DROP TABLE \"stale_flag\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_aae59a249bbc047750d22e274f\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_d6754ae256ecc9d2b417c545bc\"");
    await queryRunner.query("DROP TABLE \"job_run\"");
  }
}
