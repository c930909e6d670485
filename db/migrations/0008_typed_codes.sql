ALTER TABLE "ballot_tokens" ADD COLUMN "typed_code_hash" text;--> statement-breakpoint
ALTER TABLE "ballot_tokens" ADD COLUMN "sealed_token" text;--> statement-breakpoint
ALTER TABLE "ballot_tokens" ADD CONSTRAINT "ballot_tokens_typed_code_hash_unique" UNIQUE("typed_code_hash");