import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: functions and a GIN index are not expressible in entities. Reads resolve a merged
 * person or contact point to the one that survived, following chains of merges.
 */
export class MergeResolution1795453900000 implements MigrationInterface {
  name = 'MergeResolution1795453900000';

  async up(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query('CREATE INDEX contact_point_block_keys ON contact_point USING gin (block_keys)');
    await queryRunner.query('CREATE INDEX person_merged_into ON person (merged_into_id) WHERE merged_into_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX contact_point_merged_into ON contact_point (merged_into_id) WHERE merged_into_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX contact_point_merged_into');
    await queryRunner.query('DROP INDEX person_merged_into');
    await queryRunner.query('DROP INDEX contact_point_block_keys');
    await queryRunner.query('DROP FUNCTION canonical_contact_point(uuid)');
    await queryRunner.query('DROP FUNCTION canonical_person(uuid)');
  }
}
