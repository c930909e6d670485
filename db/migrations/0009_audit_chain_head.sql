ALTER TABLE "result_runs" ADD COLUMN "chain_head_seq" bigint;--> statement-breakpoint
ALTER TABLE "result_runs" ADD COLUMN "chain_head_hash" text;--> statement-breakpoint
ALTER TABLE "result_runs" ADD COLUMN "chain_head_at" timestamp (3) with time zone;