-- The app's own database role on PostgreSQL: everything it needs, but audit_log insert-only
-- (plus setting an entry's seal once, which the trigger audit_log_append_only also enforces).
-- Run as the tables' owner after `npm run db:migrate`, and again after any migration that adds
-- tables; `:role` is the app's login role (psql: psql "$DATABASE_OWNER_URL" -v role=roadshow_app
-- -f db/app-role.sql). The owner keeps DDL; only migrations use it (DATABASE_OWNER_URL).
GRANT USAGE ON SCHEMA public TO :role;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :role;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :role;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM :role;
GRANT UPDATE (seq, prev_hash, hash) ON audit_log TO :role;
