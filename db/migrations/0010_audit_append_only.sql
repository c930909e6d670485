-- audit_log is append-only. A new entry comes unsealed; the sealer may then set its seal (seq,
-- prev_hash, hash) once, from NULL to a value, and change nothing else. Every other UPDATE, every
-- DELETE and TRUNCATE is refused (SQLSTATE 42501, insufficient_privilege). Only the table's owner
-- can get past this, by disabling the trigger; the published chain heads then show the change.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
      RAISE EXCEPTION 'audit_log: a new entry must come unsealed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
      AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
      AND NEW.id = OLD.id AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at
      AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
      AND NEW.actor_label IS NOT DISTINCT FROM OLD.actor_label
      AND NEW.action IS NOT DISTINCT FROM OLD.action
      AND NEW.subject_type IS NOT DISTINCT FROM OLD.subject_type
      AND NEW.subject_id IS NOT DISTINCT FROM OLD.subject_id
      AND NEW.payload IS NOT DISTINCT FROM OLD.payload THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: entry % cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE INSERT OR UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();--> statement-breakpoint
-- A published run's chain head is frozen with the rest of it (0004's function plus chain_head_*).
CREATE OR REPLACE FUNCTION "result_runs_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'result run % was published and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
    NEW.id IS DISTINCT FROM OLD.id
    OR NEW.competition_id IS DISTINCT FROM OLD.competition_id OR NEW.config IS DISTINCT FROM OLD.config
    OR NEW.output IS DISTINCT FROM OLD.output OR NEW.output_hash IS DISTINCT FROM OLD.output_hash
    OR NEW.reason IS DISTINCT FROM OLD.reason
    OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR NEW.published_at IS DISTINCT FROM OLD.published_at
    OR NEW.published_by IS DISTINCT FROM OLD.published_by
    OR NEW.publish_audit_id IS DISTINCT FROM OLD.publish_audit_id
    OR NEW.notice_starts_at IS DISTINCT FROM OLD.notice_starts_at
    OR NEW.notice_ends_at IS DISTINCT FROM OLD.notice_ends_at
    OR NEW.chain_head_seq IS DISTINCT FROM OLD.chain_head_seq
    OR NEW.chain_head_hash IS DISTINCT FROM OLD.chain_head_hash
    OR NEW.chain_head_at IS DISTINCT FROM OLD.chain_head_at
    OR (OLD.status = 'published' AND NEW.status NOT IN ('published', 'superseded'))
    OR (OLD.status = 'superseded' AND NEW.status <> 'superseded')
  ) THEN
    RAISE EXCEPTION 'result run % is published and frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
