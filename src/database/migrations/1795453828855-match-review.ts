import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchReview1795453828855 implements MigrationInterface {
  name = 'MatchReview1795453828855';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"match_suggestion\" (\"id\" uuid NOT NULL, \"kind\" character varying(16) NOT NULL, \"left_id\" uuid NOT NULL, \"right_id\" uuid NOT NULL, \"borrower_id\" uuid, \"score\" double precision NOT NULL, \"fields\" jsonb NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'pending', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"decided_at\" TIMESTAMP WITH TIME ZONE, \"decided_by\" character varying(64), \"note\" text, CONSTRAINT \"PK_ab739f4c463ccfd183b57ff210a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_43f3b0ebfd0f9b73fd97f0a018\" ON \"match_suggestion\"  (\"status\", \"kind\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_9190d0f87902c6b2f532c95d66\" ON \"match_suggestion\"  (\"kind\", \"left_id\", \"right_id\") ");
    await queryRunner.query("CREATE TABLE \"merge\" (\"id\" uuid NOT NULL, \"kind\" character varying(16) NOT NULL, \"survivor_id\" uuid NOT NULL, \"merged_id\" uuid NOT NULL, \"suggestion_id\" uuid, \"origin\" character varying(16) NOT NULL, \"merged_by\" character varying(64) NOT NULL, \"merged_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"split_at\" TIMESTAMP WITH TIME ZONE, \"split_by\" character varying(64), \"note\" text, CONSTRAINT \"PK_d6e0a42a60b854bac4086782cf2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_375f0d382bb9569a054159e1b7\" ON \"merge\"  (\"kind\", \"survivor_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ba93e1a750cc79125df8faed69\" ON \"merge\"  (\"kind\", \"merged_id\") ");
    await queryRunner.query("ALTER TABLE \"contact_point\" ADD \"block_keys\" text array NOT NULL DEFAULT '{}'");
    await queryRunner.query("ALTER TABLE \"contact_point\" ADD \"merged_into_id\" uuid");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"contact_point\" DROP COLUMN \"merged_into_id\"");
    await queryRunner.query("ALTER TABLE \"contact_point\" DROP COLUMN \"block_keys\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ba93e1a750cc79125df8faed69\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_375f0d382bb9569a054159e1b7\"");
    await queryRunner.query("DROP TABLE \"merge\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_9190d0f87902c6b2f532c95d66\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_43f3b0ebfd0f9b73fd97f0a018\"");
    await queryRunner.query("DROP TABLE \"match_suggestion\"");
  }
}
