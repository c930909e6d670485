CREATE TYPE "public"."comment_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."competition_kind" AS ENUM('contest', 'evaluation');--> statement-breakpoint
ALTER TYPE "public"."vote_rule" ADD VALUE 'rating';--> statement-breakpoint
CREATE TABLE "evaluation_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"proposal_id" integer NOT NULL,
	"body" text NOT NULL,
	"status" "comment_status" DEFAULT 'pending' NOT NULL,
	"moderated_by" integer,
	"moderated_at" timestamp (3) with time zone,
	CONSTRAINT "evaluation_comments_body_length" CHECK (char_length("evaluation_comments"."body") BETWEEN 1 AND 500)
);
--> statement-breakpoint
CREATE TABLE "evaluation_items" (
	"competition_id" integer NOT NULL,
	"proposal_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "evaluation_items_competition_id_proposal_id_pk" PRIMARY KEY("competition_id","proposal_id")
);
--> statement-breakpoint
ALTER TABLE "ballot_choices" ADD COLUMN "rating" smallint;--> statement-breakpoint
ALTER TABLE "competitions" ADD COLUMN "kind" "competition_kind" DEFAULT 'contest' NOT NULL;--> statement-breakpoint
ALTER TABLE "competitions" ADD COLUMN "evaluates_competition_id" integer;--> statement-breakpoint
ALTER TABLE "evaluation_comments" ADD CONSTRAINT "evaluation_comments_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_comments" ADD CONSTRAINT "evaluation_comments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_comments" ADD CONSTRAINT "evaluation_comments_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_items" ADD CONSTRAINT "evaluation_items_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_items" ADD CONSTRAINT "evaluation_items_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_comments_competition_idx" ON "evaluation_comments" USING btree ("competition_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_items_position_uq" ON "evaluation_items" USING btree ("competition_id","position");--> statement-breakpoint
ALTER TABLE "competitions" ADD CONSTRAINT "competitions_evaluates_competition_id_competitions_id_fk" FOREIGN KEY ("evaluates_competition_id") REFERENCES "public"."competitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_choices" ADD CONSTRAINT "ballot_choices_rating_range" CHECK ("ballot_choices"."rating" IS NULL OR "ballot_choices"."rating" BETWEEN 1 AND 5);--> statement-breakpoint
ALTER TABLE "competitions" ADD CONSTRAINT "competitions_evaluation_target" CHECK (("competitions"."kind" = 'evaluation') = ("competitions"."evaluates_competition_id" IS NOT NULL));