CREATE TABLE "station_result_ratings" (
	"station_id" integer NOT NULL,
	"proposal_id" integer NOT NULL,
	"rating" smallint NOT NULL,
	"ballots" integer NOT NULL,
	CONSTRAINT "station_result_ratings_station_id_proposal_id_rating_pk" PRIMARY KEY("station_id","proposal_id","rating"),
	CONSTRAINT "station_result_ratings_rating_range" CHECK ("station_result_ratings"."rating" BETWEEN 1 AND 5),
	CONSTRAINT "station_result_ratings_nonneg" CHECK ("station_result_ratings"."ballots" >= 0)
);
--> statement-breakpoint
ALTER TABLE "paper_counts" ADD COLUMN "ratings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "station_result_ratings" ADD CONSTRAINT "station_result_ratings_station_id_station_results_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station_results"("station_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_result_ratings" ADD CONSTRAINT "station_result_ratings_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "station_result_ratings_proposal_idx" ON "station_result_ratings" USING btree ("proposal_id");