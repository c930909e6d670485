CREATE TYPE "public"."registry_proof" AS ENUM('id_number', 'sms_code');--> statement-breakpoint
CREATE TABLE "registry_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"registry_entry_id" integer NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "competitions" ADD COLUMN "registry_proof" "registry_proof" DEFAULT 'id_number' NOT NULL;--> statement-breakpoint
ALTER TABLE "registry_codes" ADD CONSTRAINT "registry_codes_registry_entry_id_registry_entries_id_fk" FOREIGN KEY ("registry_entry_id") REFERENCES "public"."registry_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "registry_codes_entry_uq" ON "registry_codes" USING btree ("registry_entry_id");