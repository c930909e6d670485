ALTER TABLE "registry_entries" ADD COLUMN "identity_hash" text;--> statement-breakpoint
ALTER TABLE "registry_entries" ADD COLUMN "has_document" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "registry_entries_identity_idx" ON "registry_entries" USING btree ("competition_id","identity_hash");