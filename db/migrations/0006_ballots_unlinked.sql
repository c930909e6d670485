-- Ballots cast before envelopes were written in the same transaction as their token's "used"
-- mark (same xmin), in token order, and their audit entries named the ballot's id. Rewrite every
-- stored ballot under a new random id, in random order, in this one transaction: the old xmin,
-- physical order and the ids in old audit payloads then point to nothing.
CREATE TEMP TABLE "_ballots_moved" ON COMMIT DROP AS
  SELECT gen_random_uuid() AS "new_id", "id" AS "old_id", "competition_id", "receipt_hash", random() AS "r"
  FROM "ballots";
--> statement-breakpoint
CREATE TEMP TABLE "_choices_moved" ON COMMIT DROP AS
  SELECT m."new_id", c."proposal_id", m."r"
  FROM "ballot_choices" c JOIN "_ballots_moved" m ON m."old_id" = c."ballot_id";
--> statement-breakpoint
DELETE FROM "ballot_choices";
--> statement-breakpoint
DELETE FROM "ballots";
--> statement-breakpoint
INSERT INTO "ballots" ("id", "competition_id", "receipt_hash")
  SELECT "new_id", "competition_id", "receipt_hash" FROM "_ballots_moved" ORDER BY "r";
--> statement-breakpoint
INSERT INTO "ballot_choices" ("ballot_id", "proposal_id")
  SELECT "new_id", "proposal_id" FROM "_choices_moved" ORDER BY "r", "proposal_id";
