import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1797100000000 implements MigrationInterface {
  name = 'Outbox1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"outbox\" (\"id\" BIGSERIAL NOT NULL, \"job_name\" character varying(100) NOT NULL, \"payload\" jsonb NOT NULL, \"job_id\" character varying(200) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"dispatched_at\" TIMESTAMP WITH TIME ZONE, \"done_at\" TIMESTAMP WITH TIME ZONE, \"failed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_340ab539f309f03bdaa14aa7649\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"outbox_job_id\" ON \"outbox\"  (\"job_id\") ");
    // Only what is still owed: the dispatcher and the pipeline status read nothing else.
    await queryRunner.query("CREATE INDEX \"outbox_owed\" ON \"outbox\"  (\"id\") WHERE done_at IS NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"outbox_owed\"");
    await queryRunner.query("DROP INDEX \"public\".\"outbox_job_id\"");
    await queryRunner.query("DROP TABLE \"outbox\"");
  }
}
