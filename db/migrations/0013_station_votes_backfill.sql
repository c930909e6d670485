-- Paper votes of stations confirmed before 0012 move from the JSON column into rows
-- (keys that are not a proposal's id, which no count could produce, are left behind).
INSERT INTO "station_result_votes" ("station_id", "proposal_id", "votes")
SELECT sr."station_id", p."id", (kv.value)::int
FROM "station_results" sr
CROSS JOIN LATERAL jsonb_each_text(sr."votes") AS kv
JOIN "proposals" p ON p."id"::text = kv.key
ON CONFLICT DO NOTHING;
