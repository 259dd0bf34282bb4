import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: triggers, functions and partial indexes are not expressible in entities.
 * - The audit log can never be changed or deleted; raw record versions can never be changed
 *   (erasure will delete them, never rewrite them).
 * - Reads resolve a merged person or contact point to the one that survived, following chains.
 */
export class HistoryAndMerges1795456400000 implements MigrationInterface {
  name = 'HistoryAndMerges1795456400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION reject_modification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION reject_modification()',
    );
    await queryRunner.query(
      'CREATE TRIGGER source_record_version_append_only BEFORE UPDATE ON source_record_version FOR EACH STATEMENT EXECUTE FUNCTION reject_modification()',
    );
    for (const table of ['person', 'contact_point']) {
      await queryRunner.query(`
        CREATE FUNCTION canonical_${table}(start uuid) RETURNS uuid LANGUAGE plpgsql STABLE AS $$
        DECLARE current uuid := start; next uuid; depth int := 0;
        BEGIN
          LOOP
            SELECT merged_into_id INTO next FROM ${table} WHERE id = current;
            EXIT WHEN next IS NULL OR depth > 64;
            current := next;
            depth := depth + 1;
          END LOOP;
          RETURN current;
        END $$`);
    }
    await queryRunner.query('CREATE INDEX person_merged_into ON person (merged_into_id) WHERE merged_into_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX contact_point_merged_into ON contact_point (merged_into_id) WHERE merged_into_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX contact_point_merged_into');
    await queryRunner.query('DROP INDEX person_merged_into');
    await queryRunner.query('DROP FUNCTION canonical_contact_point(uuid)');
    await queryRunner.query('DROP FUNCTION canonical_person(uuid)');
    await queryRunner.query('DROP TRIGGER source_record_version_append_only ON source_record_version');
    await queryRunner.query('DROP TRIGGER audit_event_append_only ON audit_event');
    await queryRunner.query('DROP FUNCTION reject_modification()');
  }
}
