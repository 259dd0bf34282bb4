/**
 * Hand-written: triggers are not expressible in entities. The audit log can never be changed or
 * deleted; raw record versions can never be changed (erasure will delete them, never rewrite them).
 */
export class AppendOnlyHistory1795453300000 {
    constructor() {
        this.name = 'AppendOnlyHistory1795453300000';
    }
    async up(queryRunner) {
        await queryRunner.query(`
      CREATE FUNCTION reject_modification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
        await queryRunner.query('CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION reject_modification()');
        await queryRunner.query('CREATE TRIGGER source_record_version_append_only BEFORE UPDATE ON source_record_version FOR EACH STATEMENT EXECUTE FUNCTION reject_modification()');
    }
    async down(queryRunner) {
        await queryRunner.query('DROP TRIGGER source_record_version_append_only ON source_record_version');
        await queryRunner.query('DROP TRIGGER audit_event_append_only ON audit_event');
        await queryRunner.query('DROP FUNCTION reject_modification()');
    }
}
//# sourceMappingURL=1795453300000-append-only-history.js.map