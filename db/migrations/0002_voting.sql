CREATE TYPE "public"."token_status" AS ENUM('issued', 'used', 'void');--> statement-breakpoint
CREATE TABLE "app_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"name" text NOT NULL,
	"community_id" integer,
	"kind" text DEFAULT 'cards' NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_choices" (
	"ballot_id" uuid NOT NULL,
	"proposal_id" integer NOT NULL,
	CONSTRAINT "ballot_choices_ballot_id_proposal_id_pk" PRIMARY KEY("ballot_id","proposal_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"batch_id" integer NOT NULL,
	"competition_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"check_code" text NOT NULL,
	"status" "token_status" DEFAULT 'issued' NOT NULL,
	"registry_entry_id" integer,
	"void_reason" text,
	CONSTRAINT "ballot_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" integer NOT NULL,
	"receipt_hash" text NOT NULL,
	CONSTRAINT "ballots_receipt_hash_unique" UNIQUE("receipt_hash")
);
--> statement-breakpoint
CREATE TABLE "paper_counts" (
	"id" serial PRIMARY KEY NOT NULL,
	"station_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"ballots_cast" integer NOT NULL,
	"invalid" integer NOT NULL,
	"votes" jsonb NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_counts_nonneg" CHECK ("paper_counts"."ballots_cast" >= 0 AND "paper_counts"."invalid" >= 0 AND "paper_counts"."invalid" <= "paper_counts"."ballots_cast")
);
--> statement-breakpoint
CREATE TABLE "polling_stations" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"match_hash" text NOT NULL,
	"masked_name" text NOT NULL,
	"masked_phone" text NOT NULL,
	"voted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_results" (
	"station_id" integer PRIMARY KEY NOT NULL,
	"ballots_cast" integer NOT NULL,
	"invalid" integer NOT NULL,
	"votes" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ballot_batches" ADD CONSTRAINT "ballot_batches_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_batches" ADD CONSTRAINT "ballot_batches_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_batches" ADD CONSTRAINT "ballot_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_choices" ADD CONSTRAINT "ballot_choices_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_choices" ADD CONSTRAINT "ballot_choices_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_tokens" ADD CONSTRAINT "ballot_tokens_batch_id_ballot_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."ballot_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_tokens" ADD CONSTRAINT "ballot_tokens_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_counts" ADD CONSTRAINT "paper_counts_station_id_polling_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."polling_stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_counts" ADD CONSTRAINT "paper_counts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polling_stations" ADD CONSTRAINT "polling_stations_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polling_stations" ADD CONSTRAINT "polling_stations_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_entries" ADD CONSTRAINT "registry_entries_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_entries" ADD CONSTRAINT "registry_entries_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_results" ADD CONSTRAINT "station_results_station_id_polling_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."polling_stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballot_batches_competition_idx" ON "ballot_batches" USING btree ("competition_id");--> statement-breakpoint
CREATE INDEX "ballot_choices_proposal_idx" ON "ballot_choices" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "ballot_tokens_batch_idx" ON "ballot_tokens" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "ballot_tokens_check_idx" ON "ballot_tokens" USING btree ("competition_id","check_code");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_tokens_registry_live_uq" ON "ballot_tokens" USING btree ("registry_entry_id") WHERE "ballot_tokens"."registry_entry_id" IS NOT NULL AND "ballot_tokens"."status" <> 'void';--> statement-breakpoint
CREATE INDEX "ballots_competition_idx" ON "ballots" USING btree ("competition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_counts_entry_uq" ON "paper_counts" USING btree ("station_id","user_id") WHERE "paper_counts"."kind" = 'entry';--> statement-breakpoint
CREATE UNIQUE INDEX "polling_stations_name_uq" ON "polling_stations" USING btree ("competition_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_entries_match_uq" ON "registry_entries" USING btree ("competition_id","match_hash");