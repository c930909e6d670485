CREATE TABLE "ballot_envelopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competition_id" integer NOT NULL,
	"key_id" text NOT NULL,
	"sealed" text NOT NULL,
	"receipt_key" text NOT NULL,
	CONSTRAINT "ballot_envelopes_receipt_key_unique" UNIQUE("receipt_key")
);
--> statement-breakpoint
ALTER TABLE "ballot_envelopes" ADD CONSTRAINT "ballot_envelopes_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "public"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballot_envelopes_competition_idx" ON "ballot_envelopes" USING btree ("competition_id");