import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outgoing webhooks (issue 13): subscribers and one row per delivery. */
export class Webhooks1797300000000 implements MigrationInterface {
  name = 'Webhooks1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"webhook_delivery\" (\"id\" uuid NOT NULL, \"webhook_key\" character varying(63) NOT NULL, \"event_id\" uuid NOT NULL, \"event_type\" character varying(64) NOT NULL, \"payload\" jsonb NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"outcome\" character varying(16) NOT NULL, \"attempts\" integer NOT NULL DEFAULT '0', \"last_status_code\" integer, \"last_error\" text, \"last_attempt_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_b1ae290239a778f12399db91354\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_528cbfaffb4c45569957b71a5f\" ON \"webhook_delivery\"  (\"outcome\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d133388cf28da7a61465e35fc7\" ON \"webhook_delivery\"  (\"webhook_key\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_30502cc430ac0d18e138e793aa\" ON \"webhook_delivery\"  (\"webhook_key\", \"event_id\") ");
    await queryRunner.query("CREATE TABLE \"webhook\" (\"key\" character varying(63) NOT NULL, \"url\" text NOT NULL, \"events\" text array NOT NULL, \"secret_env\" character varying(128) NOT NULL, \"enabled\" boolean NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_0616ddc8df5e2c84843d36b64e3\" PRIMARY KEY (\"key\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"webhook\"");
    await queryRunner.query("DROP TABLE \"webhook_delivery\"");
  }
}
