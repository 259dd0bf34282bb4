import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the foreign keys of `observation` and `person_contact_point`, the two tables that grow
 * fastest (about four rows a record). Each key costs an index probe and a row lock on the parent
 * for every inserted row: measured, as much as the insert itself. Their rows are written only by
 * ingest, in the transaction that writes or after the commit that created their parents, and no
 * parent is ever deleted on its own; `test/database/referential-integrity.spec.ts` and
 * `findOrphans()` check that nothing points nowhere.
 */
export class NoForeignKeysOnProvenanceLinks1795470000000 implements MigrationInterface {
  name = 'NoForeignKeysOnProvenanceLinks1795470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "person_contact_point" DROP CONSTRAINT "FK_976c683429bacdd08ff7bf12ef8"');
    await queryRunner.query('ALTER TABLE "person_contact_point" DROP CONSTRAINT "FK_daf2e0844dc10a73bd76a94c835"');
    await queryRunner.query('ALTER TABLE "observation" DROP CONSTRAINT "FK_aa9d13e174133c67bf5fc1c61ec"');
    await queryRunner.query('ALTER TABLE "observation" DROP CONSTRAINT "FK_e12a648b0c7181cda3faab6fa3a"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "observation" ADD CONSTRAINT "FK_e12a648b0c7181cda3faab6fa3a" FOREIGN KEY ("source_record_version_id") REFERENCES "source_record_version"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "observation" ADD CONSTRAINT "FK_aa9d13e174133c67bf5fc1c61ec" FOREIGN KEY ("contact_point_id") REFERENCES "contact_point"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "person_contact_point" ADD CONSTRAINT "FK_daf2e0844dc10a73bd76a94c835" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "person_contact_point" ADD CONSTRAINT "FK_976c683429bacdd08ff7bf12ef8" FOREIGN KEY ("contact_point_id") REFERENCES "contact_point"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }
}
