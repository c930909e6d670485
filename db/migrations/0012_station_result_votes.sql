CREATE TABLE "station_result_votes" (
	"station_id" integer NOT NULL,
	"proposal_id" integer NOT NULL,
	"votes" integer NOT NULL,
	CONSTRAINT "station_result_votes_station_id_proposal_id_pk" PRIMARY KEY("station_id","proposal_id"),
	CONSTRAINT "station_result_votes_nonneg" CHECK ("station_result_votes"."votes" >= 0)
);
--> statement-breakpoint
ALTER TABLE "station_result_votes" ADD CONSTRAINT "station_result_votes_station_id_station_results_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station_results"("station_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_result_votes" ADD CONSTRAINT "station_result_votes_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "station_result_votes_proposal_idx" ON "station_result_votes" USING btree ("proposal_id");