import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobRunWorkerName1797600000000 implements MigrationInterface {
  name = 'JobRunWorkerName1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"job_run\" ADD \"worker_name\" character varying(100)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"job_run\" DROP COLUMN \"worker_name\"");
  }
}
