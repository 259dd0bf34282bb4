export class Initial1795453287041 {
    constructor() {
        this.name = 'Initial1795453287041';
    }
    async up(queryRunner) {
        await queryRunner.query("CREATE TABLE \"audit_event\" (\"id\" BIGSERIAL NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"actor_id\" character varying(64) NOT NULL, \"actor_role\" character varying(16) NOT NULL, \"action\" character varying(64) NOT NULL, \"target_type\" character varying(32), \"target_id\" character varying(200), \"borrower_ref\" character varying(100), \"purpose\" text, \"details\" jsonb NOT NULL DEFAULT '{}', CONSTRAINT \"PK_481efbe8b0a403efe3f47a6528f\" PRIMARY KEY (\"id\"))");
        await queryRunner.query("CREATE INDEX \"IDX_cec2522715af382d0f97f663ba\" ON \"audit_event\"  (\"actor_id\", \"occurred_at\") ");
        await queryRunner.query("CREATE INDEX \"IDX_07611ee5dab9c96e7b276ce93d\" ON \"audit_event\"  (\"action\", \"occurred_at\") ");
        await queryRunner.query("CREATE INDEX \"IDX_aab2c48c91be994e9b05b6648d\" ON \"audit_event\"  (\"borrower_ref\", \"occurred_at\") ");
        await queryRunner.query("CREATE INDEX \"IDX_806add0204f192a9f867d0515c\" ON \"audit_event\"  (\"occurred_at\") ");
        await queryRunner.query("CREATE TABLE \"borrower\" (\"id\" uuid NOT NULL, \"ref\" character varying(100) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_c9737036f657d00897e09029378\" PRIMARY KEY (\"id\"))");
        await queryRunner.query("CREATE UNIQUE INDEX \"IDX_0739d7992e6805bb30555a7847\" ON \"borrower\"  (\"ref\") ");
        await queryRunner.query("CREATE TABLE \"source\" (\"key\" character varying(64) NOT NULL, \"system\" character varying(32) NOT NULL, \"kind\" character varying(16) NOT NULL, \"display_name\" character varying(200), \"trust\" double precision NOT NULL, \"declared_in\" character varying(16) NOT NULL DEFAULT 'api', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_d73a8a376a5ed224675db7bb2fc\" PRIMARY KEY (\"key\"))");
        await queryRunner.query("CREATE TABLE \"ingest_batch\" (\"id\" uuid NOT NULL, \"source_key\" character varying(64) NOT NULL, \"actor_id\" character varying(64) NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"record_count\" integer NOT NULL, \"accepted\" integer NOT NULL, \"duplicates\" integer NOT NULL, \"rejected\" integer NOT NULL, CONSTRAINT \"PK_947b9fcde724ad157308381289c\" PRIMARY KEY (\"id\"))");
        await queryRunner.query("CREATE INDEX \"IDX_b9b9d04dfeda74d57342231b36\" ON \"ingest_batch\"  (\"source_key\", \"received_at\") ");
        await queryRunner.query("CREATE TABLE \"quarantined_record\" (\"id\" BIGSERIAL NOT NULL, \"batch_id\" uuid NOT NULL, \"source_key\" character varying(64) NOT NULL, \"batch_index\" integer NOT NULL, \"source_record_id\" text, \"payload\" jsonb, \"errors\" text array NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_1c0fa3c1c7f10f4cd234fe20bde\" PRIMARY KEY (\"id\"))");
        await queryRunner.query("CREATE INDEX \"IDX_2030c6a23e33d5e175317d20b1\" ON \"quarantined_record\"  (\"source_key\", \"received_at\") ");
        await queryRunner.query("CREATE TABLE \"source_record\" (\"id\" uuid NOT NULL, \"source_key\" character varying(64) NOT NULL, \"source_record_id\" character varying(200) NOT NULL, \"borrower_ref\" character varying(100) NOT NULL, \"current_version\" integer NOT NULL, \"content_hash\" character(64) NOT NULL, \"first_received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_23f4fc80099215aaafd658cb88b\" PRIMARY KEY (\"id\"))");
        await queryRunner.query("CREATE INDEX \"IDX_84ad536040259ce4278c857234\" ON \"source_record\"  (\"borrower_ref\") ");
        await queryRunner.query("CREATE UNIQUE INDEX \"IDX_5e5d1a74bcab45b01173c7649c\" ON \"source_record\"  (\"source_key\", \"source_record_id\") ");
        await queryRunner.query("CREATE TABLE \"source_record_version\" (\"id\" BIGSERIAL NOT NULL, \"source_record_uuid\" uuid NOT NULL, \"version\" integer NOT NULL, \"content_hash\" character(64) NOT NULL, \"observed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"batch_id\" uuid NOT NULL, \"borrower_id\" uuid NOT NULL, \"person_id\" uuid NOT NULL, \"payload\" jsonb NOT NULL, CONSTRAINT \"PK_967b1d71430aa2e862aab896bab\" PRIMARY KEY (\"id\"))");
        await queryRunner.query("CREATE INDEX \"IDX_4bfc9641776fd0d27ca81d7920\" ON \"source_record_version\"  (\"batch_id\") ");
        await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d706925c0202a9c5ebfa4e6dc2\" ON \"source_record_version\"  (\"source_record_uuid\", \"version\") ");
        await queryRunner.query("CREATE TABLE \"person\" (\"id\" uuid NOT NULL, \"kind\" character varying(16) NOT NULL, \"name\" character varying(200), \"normalized_name\" character varying(200), \"name_key\" character varying(200), \"merged_into_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_5fdaf670315c4b7e70cce85daa3\" PRIMARY KEY (\"id\"))");
        await queryRunner.query("CREATE INDEX \"IDX_2c256f4b8bc8abe8b50a3cc8f3\" ON \"person\"  (\"name_key\") ");
        await queryRunner.query("CREATE TABLE \"borrower_person\" (\"borrower_id\" uuid NOT NULL, \"person_id\" uuid NOT NULL, \"relation\" character varying(32) NOT NULL, \"relation_labels\" text array NOT NULL DEFAULT '{}', \"first_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_97c934fedb4f9092a53c3a3c80c\" PRIMARY KEY (\"borrower_id\", \"person_id\"))");
        await queryRunner.query("CREATE INDEX \"IDX_92f70eb262f4bb929db5fba802\" ON \"borrower_person\"  (\"person_id\") ");
        await queryRunner.query("CREATE TABLE \"contact_point\" (\"id\" uuid NOT NULL, \"kind\" character varying(16) NOT NULL, \"value_key\" text NOT NULL, \"e164\" character varying(20), \"extension\" character varying(10), \"subtype\" character varying(20), \"carrier_group\" character varying(32), \"address\" jsonb, \"district_code\" character varying(6), \"borrower_count\" integer NOT NULL DEFAULT '0', \"source_count\" integer NOT NULL DEFAULT '0', \"first_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_a4953bfa453e555c2185e51dd4a\" PRIMARY KEY (\"id\"))");
        await queryRunner.query("CREATE UNIQUE INDEX \"IDX_70c6957b9e14d7702f56f593ec\" ON \"contact_point\"  (\"kind\", \"value_key\") ");
        await queryRunner.query("CREATE TABLE \"observation\" (\"id\" BIGSERIAL NOT NULL, \"source_record_version_id\" bigint NOT NULL, \"source_key\" character varying(64) NOT NULL, \"field\" character varying(16) NOT NULL, \"position\" smallint NOT NULL, \"part\" smallint NOT NULL DEFAULT '0', \"raw\" text NOT NULL, \"contact_point_id\" uuid, \"error\" text, \"borrower_id\" uuid NOT NULL, \"person_id\" uuid NOT NULL, \"observed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_77a736edc631a400b788ce302cb\" PRIMARY KEY (\"id\"))");
        await queryRunner.query("CREATE INDEX \"IDX_a4d4109118eb56c99ee32b1b5c\" ON \"observation\"  (\"borrower_id\", \"observed_at\") ");
        await queryRunner.query("CREATE UNIQUE INDEX \"IDX_87d44e47b3a95acc4cfc6f0214\" ON \"observation\"  (\"source_record_version_id\", \"field\", \"position\", \"part\") ");
        await queryRunner.query("CREATE INDEX \"IDX_41b280fd2ec493118388c2f4a3\" ON \"observation\"  (\"contact_point_id\", \"observed_at\") ");
        await queryRunner.query("CREATE TABLE \"person_contact_point\" (\"person_id\" uuid NOT NULL, \"contact_point_id\" uuid NOT NULL, \"first_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_e5ed467ddc6913606655e94352f\" PRIMARY KEY (\"person_id\", \"contact_point_id\"))");
        await queryRunner.query("CREATE INDEX \"IDX_976c683429bacdd08ff7bf12ef\" ON \"person_contact_point\"  (\"contact_point_id\") ");
        await queryRunner.query("ALTER TABLE \"ingest_batch\" ADD CONSTRAINT \"FK_be1df3756ddecb4796afb0d5c98\" FOREIGN KEY (\"source_key\") REFERENCES \"source\"(\"key\") ON DELETE RESTRICT ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"quarantined_record\" ADD CONSTRAINT \"FK_47a8d33fecb4aeafc660418de4f\" FOREIGN KEY (\"batch_id\") REFERENCES \"ingest_batch\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"source_record\" ADD CONSTRAINT \"FK_36d74dd1159795289208792c59f\" FOREIGN KEY (\"source_key\") REFERENCES \"source\"(\"key\") ON DELETE RESTRICT ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"source_record_version\" ADD CONSTRAINT \"FK_8dad6d545878457442ca235a48c\" FOREIGN KEY (\"source_record_uuid\") REFERENCES \"source_record\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"source_record_version\" ADD CONSTRAINT \"FK_515f6ca19d71fe6c23268e4b1a9\" FOREIGN KEY (\"borrower_id\") REFERENCES \"borrower\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"borrower_person\" ADD CONSTRAINT \"FK_e2b5be2553a377e361a950c3cc0\" FOREIGN KEY (\"borrower_id\") REFERENCES \"borrower\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"borrower_person\" ADD CONSTRAINT \"FK_92f70eb262f4bb929db5fba8027\" FOREIGN KEY (\"person_id\") REFERENCES \"person\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"observation\" ADD CONSTRAINT \"FK_e12a648b0c7181cda3faab6fa3a\" FOREIGN KEY (\"source_record_version_id\") REFERENCES \"source_record_version\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"observation\" ADD CONSTRAINT \"FK_aa9d13e174133c67bf5fc1c61ec\" FOREIGN KEY (\"contact_point_id\") REFERENCES \"contact_point\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"person_contact_point\" ADD CONSTRAINT \"FK_daf2e0844dc10a73bd76a94c835\" FOREIGN KEY (\"person_id\") REFERENCES \"person\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
        await queryRunner.query("ALTER TABLE \"person_contact_point\" ADD CONSTRAINT \"FK_976c683429bacdd08ff7bf12ef8\" FOREIGN KEY (\"contact_point_id\") REFERENCES \"contact_point\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    }
    async down(queryRunner) {
        await queryRunner.query("ALTER TABLE \"person_contact_point\" DROP CONSTRAINT \"FK_976c683429bacdd08ff7bf12ef8\"");
        await queryRunner.query("ALTER TABLE \"person_contact_point\" DROP CONSTRAINT \"FK_daf2e0844dc10a73bd76a94c835\"");
        await queryRunner.query("ALTER TABLE \"observation\" DROP CONSTRAINT \"FK_aa9d13e174133c67bf5fc1c61ec\"");
        await queryRunner.query("ALTER TABLE \"observation\" DROP CONSTRAINT \"FK_e12a648b0c7181cda3faab6fa3a\"");
        await queryRunner.query("ALTER TABLE \"borrower_person\" DROP CONSTRAINT \"FK_92f70eb262f4bb929db5fba8027\"");
        await queryRunner.query("ALTER TABLE \"borrower_person\" DROP CONSTRAINT \"FK_e2b5be2553a377e361a950c3cc0\"");
        await queryRunner.query("ALTER TABLE \"source_record_version\" DROP CONSTRAINT \"FK_515f6ca19d71fe6c23268e4b1a9\"");
        await queryRunner.query("ALTER TABLE \"source_record_version\" DROP CONSTRAINT \"FK_8dad6d545878457442ca235a48c\"");
        await queryRunner.query("ALTER TABLE \"source_record\" DROP CONSTRAINT \"FK_36d74dd1159795289208792c59f\"");
        await queryRunner.query("ALTER TABLE \"quarantined_record\" DROP CONSTRAINT \"FK_47a8d33fecb4aeafc660418de4f\"");
        await queryRunner.query("ALTER TABLE \"ingest_batch\" DROP CONSTRAINT \"FK_be1df3756ddecb4796afb0d5c98\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_976c683429bacdd08ff7bf12ef\"");
        await queryRunner.query("DROP TABLE \"person_contact_point\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_41b280fd2ec493118388c2f4a3\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_87d44e47b3a95acc4cfc6f0214\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_a4d4109118eb56c99ee32b1b5c\"");
        await queryRunner.query("DROP TABLE \"observation\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_70c6957b9e14d7702f56f593ec\"");
        await queryRunner.query("DROP TABLE \"contact_point\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_92f70eb262f4bb929db5fba802\"");
        await queryRunner.query("DROP TABLE \"borrower_person\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_2c256f4b8bc8abe8b50a3cc8f3\"");
        await queryRunner.query("DROP TABLE \"person\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_d706925c0202a9c5ebfa4e6dc2\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_4bfc9641776fd0d27ca81d7920\"");
        await queryRunner.query("DROP TABLE \"source_record_version\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_5e5d1a74bcab45b01173c7649c\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_84ad536040259ce4278c857234\"");
        await queryRunner.query("DROP TABLE \"source_record\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_2030c6a23e33d5e175317d20b1\"");
        await queryRunner.query("DROP TABLE \"quarantined_record\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_b9b9d04dfeda74d57342231b36\"");
        await queryRunner.query("DROP TABLE \"ingest_batch\"");
        await queryRunner.query("DROP TABLE \"source\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_0739d7992e6805bb30555a7847\"");
        await queryRunner.query("DROP TABLE \"borrower\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_806add0204f192a9f867d0515c\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_aab2c48c91be994e9b05b6648d\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_07611ee5dab9c96e7b276ce93d\"");
        await queryRunner.query("DROP INDEX \"public\".\"IDX_cec2522715af382d0f97f663ba\"");
        await queryRunner.query("DROP TABLE \"audit_event\"");
    }
}
//# sourceMappingURL=1795453287041-initial.js.map