CREATE TYPE "public"."competition_phase" AS ENUM('draft', 'accepting', 'review', 'roadshow', 'voting', 'results', 'closed');--> statement-breakpoint
CREATE TYPE "public"."fund_kind" AS ENUM('street', 'foundation');--> statement-breakpoint
CREATE TYPE "public"."judge_aggregation" AS ENUM('trimmed_mean', 'mean', 'zscore');--> statement-breakpoint
CREATE TYPE "public"."need_source" AS ENUM('council', 'visit', 'online', 'hotline', 'grid', 'other');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('open', 'in_proposal', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."partner_type" AS ENUM('university', 'enterprise', 'social_org', 'community', 'other');--> statement-breakpoint
CREATE TYPE "public"."proposal_status" AS ENUM('draft', 'submitted', 'returned', 'resubmitted', 'accepted', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('street_admin', 'secretary', 'judge', 'clerk', 'observer');--> statement-breakpoint
CREATE TYPE "public"."verification_mode" AS ENUM('token', 'registry', 'both');--> statement-breakpoint
CREATE TYPE "public"."vote_rule" AS ENUM('approval', 'budget');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seq" bigint,
	"prev_hash" text,
	"hash" text,
	CONSTRAINT "audit_log_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "communities" (
	"id" serial PRIMARY KEY NOT NULL,
	"street_id" integer NOT NULL,
	"name" text NOT NULL,
	"brand_name" text DEFAULT '' NOT NULL,
	"brand_tagline" text DEFAULT '' NOT NULL,
	"brand_description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competition_judges" (
	"competition_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"seat" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "competition_judges_competition_id_user_id_pk" PRIMARY KEY("competition_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "competitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"street_id" integer NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"phase" "competition_phase" DEFAULT 'draft' NOT NULL,
	"proposal_deadline" timestamp (3) with time zone,
	"roadshow_at" timestamp (3) with time zone,
	"voting_opens_at" timestamp (3) with time zone,
	"voting_closes_at" timestamp (3) with time zone,
	"notice_starts_at" timestamp (3) with time zone,
	"notice_ends_at" timestamp (3) with time zone,
	"judge_weight_pct" integer DEFAULT 70 NOT NULL,
	"resident_weight_pct" integer DEFAULT 30 NOT NULL,
	"vote_rule" "vote_rule" DEFAULT 'approval' NOT NULL,
	"approval_max_choices" integer DEFAULT 3 NOT NULL,
	"voter_budget_fen" bigint,
	"verification_mode" "verification_mode" DEFAULT 'token' NOT NULL,
	"judge_aggregation" "judge_aggregation" DEFAULT 'trimmed_mean' NOT NULL,
	"pitch_seconds" integer DEFAULT 300 NOT NULL,
	"qa_seconds" integer DEFAULT 180 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "competitions_slug_unique" UNIQUE("slug"),
	CONSTRAINT "competitions_weights_sum" CHECK ("competitions"."judge_weight_pct" + "competitions"."resident_weight_pct" = 100),
	CONSTRAINT "competitions_weights_range" CHECK ("competitions"."judge_weight_pct" BETWEEN 0 AND 100),
	CONSTRAINT "competitions_k_positive" CHECK ("competitions"."approval_max_choices" >= 1),
	CONSTRAINT "competitions_times_positive" CHECK ("competitions"."pitch_seconds" > 0 AND "competitions"."qa_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"max_points" integer NOT NULL,
	CONSTRAINT "criteria_max_points_positive" CHECK ("criteria"."max_points" > 0 AND "criteria"."max_points" <= 100)
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"kind" "fund_kind" NOT NULL,
	"name" text NOT NULL,
	"total_fen" bigint NOT NULL,
	"per_project_cap_fen" bigint,
	"match_ratio_bp" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_total_nonneg" CHECK ("funds"."total_fen" >= 0),
	CONSTRAINT "funds_cap_nonneg" CHECK ("funds"."per_project_cap_fen" IS NULL OR "funds"."per_project_cap_fen" >= 0),
	CONSTRAINT "funds_match_nonneg" CHECK ("funds"."match_ratio_bp" IS NULL OR "funds"."match_ratio_bp" >= 0)
);
--> statement-breakpoint
CREATE TABLE "judge_recusals" (
	"competition_id" integer NOT NULL,
	"judge_user_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "judge_recusals_competition_id_judge_user_id_community_id_pk" PRIMARY KEY("competition_id","judge_user_id","community_id")
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" "need_source" DEFAULT 'other' NOT NULL,
	"raised_count" integer DEFAULT 1 NOT NULL,
	"status" "need_status" DEFAULT 'open' NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_raised_count_positive" CHECK ("needs"."raised_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "proposal_budget_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"position" integer NOT NULL,
	"item" text NOT NULL,
	"quantity" numeric(12, 2) NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "budget_lines_nonneg" CHECK ("proposal_budget_lines"."quantity" >= 0 AND "proposal_budget_lines"."unit_price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "proposal_cofunding" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"partner_name" text NOT NULL,
	"partner_type" "partner_type" DEFAULT 'other' NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"in_kind" text DEFAULT '' NOT NULL,
	CONSTRAINT "cofunding_nonneg" CHECK ("proposal_cofunding"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "proposal_deck_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"position" integer NOT NULL,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_fund_requests" (
	"proposal_id" integer NOT NULL,
	"fund_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "proposal_fund_requests_proposal_id_fund_id_pk" PRIMARY KEY("proposal_id","fund_id"),
	CONSTRAINT "fund_requests_nonneg" CHECK ("proposal_fund_requests"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "proposal_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_needs" (
	"proposal_id" integer NOT NULL,
	"need_id" integer NOT NULL,
	CONSTRAINT "proposal_needs_proposal_id_need_id_pk" PRIMARY KEY("proposal_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"title" text NOT NULL,
	"brand" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"beneficiaries" text DEFAULT '' NOT NULL,
	"beneficiary_count" integer DEFAULT 0 NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"team" text DEFAULT '' NOT NULL,
	"status" "proposal_status" DEFAULT 'draft' NOT NULL,
	"form_state" jsonb,
	"form_state_saved_at" timestamp (3) with time zone,
	"review_notes" jsonb,
	"submitted_content_hash" text,
	"submitted_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "streets" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"district" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "streets_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"community_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"password_changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_secretary_has_community" CHECK ("users"."role" <> 'secretary' OR "users"."community_id" IS NOT NULL),
	CONSTRAINT "users_username_lower" CHECK ("users"."username" = lower("users"."username"))
);
--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_judges" ADD CONSTRAINT "competition_judges_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_judges" ADD CONSTRAINT "competition_judges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitions" ADD CONSTRAINT "competitions_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_recusals" ADD CONSTRAINT "judge_recusals_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_recusals" ADD CONSTRAINT "judge_recusals_judge_user_id_users_id_fk" FOREIGN KEY ("judge_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_recusals" ADD CONSTRAINT "judge_recusals_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_budget_lines" ADD CONSTRAINT "proposal_budget_lines_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_cofunding" ADD CONSTRAINT "proposal_cofunding_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_deck_files" ADD CONSTRAINT "proposal_deck_files_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_fund_requests" ADD CONSTRAINT "proposal_fund_requests_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_fund_requests" ADD CONSTRAINT "proposal_fund_requests_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_milestones" ADD CONSTRAINT "proposal_milestones_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_needs" ADD CONSTRAINT "proposal_needs_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_needs" ADD CONSTRAINT "proposal_needs_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE "audit_log"."seq" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "communities_street_name_uq" ON "communities" USING btree ("street_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "criteria_competition_position_uq" ON "criteria" USING btree ("competition_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "funds_competition_kind_uq" ON "funds" USING btree ("competition_id","kind");--> statement-breakpoint
CREATE INDEX "needs_community_idx" ON "needs" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_budget_lines_position_uq" ON "proposal_budget_lines" USING btree ("proposal_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_deck_files_position_uq" ON "proposal_deck_files" USING btree ("proposal_id","position");--> statement-breakpoint
CREATE INDEX "proposal_deck_files_sha_idx" ON "proposal_deck_files" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_milestones_position_uq" ON "proposal_milestones" USING btree ("proposal_id","position");--> statement-breakpoint
CREATE INDEX "proposals_competition_idx" ON "proposals" USING btree ("competition_id","status");--> statement-breakpoint
CREATE INDEX "proposals_community_idx" ON "proposals" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");