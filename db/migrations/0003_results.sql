CREATE TYPE "public"."project_category" AS ENUM('elderly', 'children', 'youth', 'neighbourhood', 'governance', 'environment', 'culture', 'safety', 'other');--> statement-breakpoint
CREATE TYPE "public"."result_status" AS ENUM('draft', 'published', 'superseded');--> statement-breakpoint
CREATE TABLE "objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"run_id" integer NOT NULL,
	"proposal_id" integer,
	"author_user_id" integer,
	"author_name" text NOT NULL,
	"author_contact" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp (3) with time zone,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objections_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "result_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"status" "result_status" DEFAULT 'draft' NOT NULL,
	"config" jsonb NOT NULL,
	"output" jsonb NOT NULL,
	"output_hash" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	"published_at" timestamp (3) with time zone,
	"notice_starts_at" timestamp (3) with time zone,
	"notice_ends_at" timestamp (3) with time zone,
	"publish_audit_id" bigint,
	CONSTRAINT "result_runs_notice_order" CHECK ("result_runs"."notice_starts_at" IS NULL OR "result_runs"."notice_ends_at" IS NULL OR "result_runs"."notice_starts_at" < "result_runs"."notice_ends_at")
);
--> statement-breakpoint
ALTER TABLE "funds" ADD COLUMN "eligible_categories" "project_category"[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "category" "project_category" DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_run_id_result_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."result_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_runs" ADD CONSTRAINT "result_runs_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_runs" ADD CONSTRAINT "result_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_runs" ADD CONSTRAINT "result_runs_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "objections_competition_idx" ON "objections" USING btree ("competition_id","created_at");--> statement-breakpoint
CREATE INDEX "result_runs_competition_idx" ON "result_runs" USING btree ("competition_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "result_runs_one_published_uq" ON "result_runs" USING btree ("competition_id") WHERE "result_runs"."status" = 'published';--> statement-breakpoint
CREATE FUNCTION "result_runs_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'result run % was published and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
    NEW.competition_id IS DISTINCT FROM OLD.competition_id OR NEW.config IS DISTINCT FROM OLD.config
    OR NEW.output IS DISTINCT FROM OLD.output OR NEW.output_hash IS DISTINCT FROM OLD.output_hash
    OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.published_at IS DISTINCT FROM OLD.published_at
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
END $$;--> statement-breakpoint
CREATE TRIGGER "result_runs_frozen" BEFORE UPDATE OR DELETE ON "result_runs" FOR EACH ROW EXECUTE FUNCTION "result_runs_frozen"();
