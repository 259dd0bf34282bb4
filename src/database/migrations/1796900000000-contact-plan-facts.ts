import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadSqlFiles, type SqlFileMigration } from '../sql-file.js';
import { ContactPlanDataFunction1795480000000 } from './1795480000000-contact-plan-data-function.js';

/**
 * The plan read returns facts under named keys and decides nothing (contact-plan-facts.sql); it
 * replaces contact_plan_data, whose rules now live in TypeScript. Down restores the old function
 * from its own migration.
 */
export class ContactPlanFacts1796900000000 implements MigrationInterface, SqlFileMigration {
  name = 'ContactPlanFacts1796900000000';
  readonly sqlFiles = { 'contact-plan/sql/contact-plan-facts.sql': '20f0d415fa998627506245b12316fb5b75fcca9b5f2a6e65eca1569c17dccc88' };

  async up(queryRunner: QueryRunner): Promise<void> {
    await loadSqlFiles(queryRunner, this);
    await queryRunner.query('DROP FUNCTION contact_plan_data(text, boolean)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION contact_plan_facts(text, text[], boolean)');
    await new ContactPlanDataFunction1795480000000().up(queryRunner);
  }
}
