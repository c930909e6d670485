ALTER TABLE "live_sessions" ADD COLUMN "final_shown_at" timestamp with time zone;--> statement-breakpoint
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
    OR (OLD.status = 'published' AND NEW.status NOT IN ('published', 'superseded'))
    OR (OLD.status = 'superseded' AND NEW.status <> 'superseded')
  ) THEN
    RAISE EXCEPTION 'result run % is published and frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
