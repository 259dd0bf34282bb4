import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UniqueLeadPerAttempt1795459600126 implements MigrationInterface {
  name = 'UniqueLeadPerAttempt1795459600126';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_5a571e7a98a95b2670854a928d\" ON \"lead\"  (\"attempt_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_5a571e7a98a95b2670854a928d\"");
  }
}
