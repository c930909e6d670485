-- The app's own database role on PostgreSQL: everything it needs, but audit_log insert-only
-- (plus setting an entry's seal once, which the trigger audit_log_append_only also enforces).
-- Run as the tables' owner after `npm run db:migrate`; tables and sequences the owner's later
-- migrations add get the same grants by default (ALTER DEFAULT PRIVILEGES below), so it need not
-- be run again. `:role` is the app's login role (psql: psql "$DATABASE_OWNER_URL" -v role=roadshow_app
-- -f db/app-role.sql). The owner keeps DDL; only migrations use it (DATABASE_OWNER_URL).
GRANT USAGE ON SCHEMA public TO :role;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :role;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :role;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM :role;
GRANT UPDATE (seq, prev_hash, hash) ON audit_log TO :role;
-- What later migrations (run by the same owner) create: the same grants, without running this
-- file again. audit_log is not re-created by any migration, so its limits above stay.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :role;
