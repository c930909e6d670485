CREATE TABLE "judge_login_codes" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"pin_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judge_login_codes_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "judge_score_items" (
	"proposal_id" integer NOT NULL,
	"judge_user_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"half_points" integer NOT NULL,
	CONSTRAINT "judge_score_items_proposal_id_judge_user_id_criterion_id_pk" PRIMARY KEY("proposal_id","judge_user_id","criterion_id"),
	CONSTRAINT "judge_score_items_nonneg" CHECK ("judge_score_items"."half_points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "judge_scores" (
	"proposal_id" integer NOT NULL,
	"judge_user_id" integer NOT NULL,
	"competition_id" integer NOT NULL,
	"total_half_points" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"client_revision" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judge_scores_proposal_id_judge_user_id_pk" PRIMARY KEY("proposal_id","judge_user_id"),
	CONSTRAINT "judge_scores_total_nonneg" CHECK ("judge_scores"."total_half_points" >= 0 AND "judge_scores"."total_half_points" <= 200)
);
--> statement-breakpoint
CREATE TABLE "live_sessions" (
	"competition_id" integer PRIMARY KEY NOT NULL,
	"state" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pitch_draws" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"kind" text NOT NULL,
	"seed" text DEFAULT '' NOT NULL,
	"order" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "judge_login_codes" ADD CONSTRAINT "judge_login_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_login_codes" ADD CONSTRAINT "judge_login_codes_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_score_items" ADD CONSTRAINT "judge_score_items_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_score_items" ADD CONSTRAINT "judge_score_items_proposal_id_judge_user_id_judge_scores_proposal_id_judge_user_id_fk" FOREIGN KEY ("proposal_id","judge_user_id") REFERENCES "public"."judge_scores"("proposal_id","judge_user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_scores" ADD CONSTRAINT "judge_scores_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_scores" ADD CONSTRAINT "judge_scores_judge_user_id_users_id_fk" FOREIGN KEY ("judge_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_scores" ADD CONSTRAINT "judge_scores_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_draws" ADD CONSTRAINT "pitch_draws_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_draws" ADD CONSTRAINT "pitch_draws_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "judge_scores_competition_idx" ON "judge_scores" USING btree ("competition_id");--> statement-breakpoint
CREATE INDEX "pitch_draws_competition_idx" ON "pitch_draws" USING btree ("competition_id","id");