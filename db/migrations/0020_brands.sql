CREATE TYPE "public"."brand_status" AS ENUM('growing', 'mature');--> statement-breakpoint
CREATE TYPE "public"."brand_theme" AS ENUM('child', 'elder', 'neighbour', 'youth', 'other');--> statement-breakpoint
CREATE TABLE "brand_honours" (
	"id" serial PRIMARY KEY NOT NULL,
	"brand_id" integer NOT NULL,
	"title" text NOT NULL,
	"awarded_by" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_honours_year_range" CHECK ("brand_honours"."year" BETWEEN 1949 AND 2200)
);
--> statement-breakpoint
CREATE TABLE "brands" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"name" text NOT NULL,
	"theme" "brand_theme" DEFAULT 'other' NOT NULL,
	"tagline" text DEFAULT '' NOT NULL,
	"governance_path" text DEFAULT '' NOT NULL,
	"story" text DEFAULT '' NOT NULL,
	"status" "brand_status" DEFAULT 'growing' NOT NULL,
	"matured_on" date,
	"promoted_to" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brands_name_nonempty" CHECK (length("brands"."name") > 0),
	CONSTRAINT "brands_mature_has_date" CHECK (("brands"."status" = 'mature') = ("brands"."matured_on" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "brand_id" integer;--> statement-breakpoint
ALTER TABLE "brand_honours" ADD CONSTRAINT "brand_honours_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brands" ADD CONSTRAINT "brands_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brand_honours_brand_idx" ON "brand_honours" USING btree ("brand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "brands_community_name_uq" ON "brands" USING btree ("community_id","name");--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposals_brand_idx" ON "proposals" USING btree ("brand_id");