CREATE TYPE "public"."claim_kind" AS ENUM('claim', 'match');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('proposed', 'confirmed', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."partner_unit_type" AS ENUM('university', 'enterprise', 'merchant', 'hospital', 'social_org', 'deputy', 'other');--> statement-breakpoint
CREATE TYPE "public"."resource_category" AS ENUM('convenience', 'legal', 'education', 'health', 'funding', 'venue', 'volunteers', 'expertise', 'other');--> statement-breakpoint
CREATE TYPE "public"."support_kind" AS ENUM('in_kind', 'cofunding');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'partner';--> statement-breakpoint
CREATE TABLE "partner_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"street_id" integer NOT NULL,
	"name" text NOT NULL,
	"type" "partner_unit_type" DEFAULT 'other' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"offer_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"need_id" integer NOT NULL,
	"proposal_id" integer,
	"kind" "claim_kind" NOT NULL,
	"support_kind" "support_kind" DEFAULT 'in_kind' NOT NULL,
	"value_fen" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" "claim_status" DEFAULT 'proposed' NOT NULL,
	"created_by" integer,
	"confirmed_by" integer,
	"confirmed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_claims_value_nonneg" CHECK ("resource_claims"."value_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "resource_offer_communities" (
	"offer_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	CONSTRAINT "resource_offer_communities_offer_id_community_id_pk" PRIMARY KEY("offer_id","community_id")
);
--> statement-breakpoint
CREATE TABLE "resource_offers" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"category" "resource_category" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"capacity" text DEFAULT '' NOT NULL,
	"status" "offer_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_offers_id_unit_uq" UNIQUE("id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "partner_unit_id" integer;--> statement-breakpoint
ALTER TABLE "partner_units" ADD CONSTRAINT "partner_units_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_claims" ADD CONSTRAINT "resource_claims_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_claims" ADD CONSTRAINT "resource_claims_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_claims" ADD CONSTRAINT "resource_claims_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_claims" ADD CONSTRAINT "resource_claims_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_claims" ADD CONSTRAINT "resource_claims_offer_unit_fk" FOREIGN KEY ("offer_id","unit_id") REFERENCES "public"."resource_offers"("id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offer_communities" ADD CONSTRAINT "resource_offer_communities_offer_id_resource_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."resource_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offer_communities" ADD CONSTRAINT "resource_offer_communities_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_unit_id_partner_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."partner_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_units_street_name_uq" ON "partner_units" USING btree ("street_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_claims_offer_need_live_uq" ON "resource_claims" USING btree ("offer_id","need_id") WHERE "resource_claims"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "resource_claims_need_idx" ON "resource_claims" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "resource_claims_proposal_idx" ON "resource_claims" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "resource_claims_unit_idx" ON "resource_claims" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "resource_offers_unit_idx" ON "resource_offers" USING btree ("unit_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_partner_unit_id_partner_units_id_fk" FOREIGN KEY ("partner_unit_id") REFERENCES "public"."partner_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_partner_has_unit" CHECK ("users"."role"::text <> 'partner' OR "users"."partner_unit_id" IS NOT NULL);