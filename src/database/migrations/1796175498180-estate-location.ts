import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EstateLocation1796175498180 implements MigrationInterface {
  name = 'EstateLocation1796175498180';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"estate_location\" (\"district_code\" character varying(12) NOT NULL, \"community\" character varying(100) NOT NULL, \"road\" character varying(100) NOT NULL, \"road_number\" character varying(32) NOT NULL, \"first_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_cdb3ce3c773091a69ea0ae8c84b\" PRIMARY KEY (\"district_code\", \"community\", \"road\", \"road_number\"))");
    // What stored dwellings already say (each point keeps the parse of its first mention); ingest adds the rest.
    // Nameless phases and villages land here too; lookups never ask for them (estateLocationOf), so they are harmless.
    await queryRunner.query(
      `INSERT INTO estate_location (district_code, community, road, road_number)
       SELECT DISTINCT district_code, address->>'community', address->>'road', address->>'roadNumber'
       FROM contact_point
       WHERE kind = 'address' AND subtype = 'dwelling' AND district_code IS NOT NULL
         AND length(address->>'community') <= 100 AND length(address->>'road') <= 100 AND length(address->>'roadNumber') <= 32
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"estate_location\"");
  }
}
