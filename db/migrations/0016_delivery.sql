CREATE TYPE "public"."delivery_file_kind" AS ENUM('photo', 'receipt');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('not_started', 'in_progress', 'late', 'done', 'terminated');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"competition_id" integer NOT NULL,
	"proposal_id" integer NOT NULL,
	"run_id" integer NOT NULL,
	"status" "delivery_status" DEFAULT 'not_started' NOT NULL,
	"at_risk" boolean DEFAULT false NOT NULL,
	"flag_note" text DEFAULT '' NOT NULL,
	"terminated_reason" text DEFAULT '' NOT NULL,
	"done_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_proposal_id_unique" UNIQUE("proposal_id"),
	CONSTRAINT "deliveries_terminated_reason" CHECK ("deliveries"."status" <> 'terminated' OR length("deliveries"."terminated_reason") > 0)
);
--> statement-breakpoint
CREATE TABLE "delivery_budget_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"position" integer NOT NULL,
	"item" text NOT NULL,
	"quantity" numeric(12, 2) NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_disbursements" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"fund_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_disbursements_positive" CHECK ("delivery_disbursements"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "delivery_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"kind" "delivery_file_kind" NOT NULL,
	"update_id" integer,
	"spending_id" integer,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_files_owner" CHECK (("delivery_files"."kind" = 'photo' AND "delivery_files"."update_id" IS NOT NULL AND "delivery_files"."spending_id" IS NULL) OR ("delivery_files"."kind" = 'receipt' AND "delivery_files"."spending_id" IS NOT NULL AND "delivery_files"."update_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "delivery_grants" (
	"delivery_id" integer NOT NULL,
	"fund_id" integer NOT NULL,
	"granted_fen" bigint NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "delivery_grants_delivery_id_fund_id_pk" PRIMARY KEY("delivery_id","fund_id"),
	CONSTRAINT "delivery_grants_paid_within" CHECK ("delivery_grants"."granted_fen" >= 0 AND "delivery_grants"."paid_fen" >= 0 AND "delivery_grants"."paid_fen" <= "delivery_grants"."granted_fen")
);
--> statement-breakpoint
CREATE TABLE "delivery_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"description" text DEFAULT '' NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "delivery_spending" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"budget_line_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"spent_on" date NOT NULL,
	"description" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_spending_positive" CHECK ("delivery_spending"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "delivery_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"body" text NOT NULL,
	"happened_on" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_run_id_result_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."result_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_budget_lines" ADD CONSTRAINT "delivery_budget_lines_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_disbursements" ADD CONSTRAINT "delivery_disbursements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_disbursements" ADD CONSTRAINT "delivery_disbursements_delivery_id_fund_id_delivery_grants_delivery_id_fund_id_fk" FOREIGN KEY ("delivery_id","fund_id") REFERENCES "public"."delivery_grants"("delivery_id","fund_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_files" ADD CONSTRAINT "delivery_files_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_files" ADD CONSTRAINT "delivery_files_update_id_delivery_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."delivery_updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_files" ADD CONSTRAINT "delivery_files_spending_id_delivery_spending_id_fk" FOREIGN KEY ("spending_id") REFERENCES "public"."delivery_spending"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_grants" ADD CONSTRAINT "delivery_grants_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_grants" ADD CONSTRAINT "delivery_grants_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_milestones" ADD CONSTRAINT "delivery_milestones_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_spending" ADD CONSTRAINT "delivery_spending_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_spending" ADD CONSTRAINT "delivery_spending_budget_line_id_delivery_budget_lines_id_fk" FOREIGN KEY ("budget_line_id") REFERENCES "public"."delivery_budget_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_spending" ADD CONSTRAINT "delivery_spending_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_updates" ADD CONSTRAINT "delivery_updates_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_updates" ADD CONSTRAINT "delivery_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_competition_idx" ON "deliveries" USING btree ("competition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_budget_lines_position_uq" ON "delivery_budget_lines" USING btree ("delivery_id","position");--> statement-breakpoint
CREATE INDEX "delivery_disbursements_delivery_idx" ON "delivery_disbursements" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "delivery_files_sha_idx" ON "delivery_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "delivery_files_delivery_idx" ON "delivery_files" USING btree ("delivery_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_milestones_position_uq" ON "delivery_milestones" USING btree ("delivery_id","position");--> statement-breakpoint
CREATE INDEX "delivery_spending_delivery_idx" ON "delivery_spending" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "delivery_updates_delivery_idx" ON "delivery_updates" USING btree ("delivery_id","happened_on");