-- 一社一品 brands from the text they were kept as: one brand per community from its brand_name
-- (tagline, description as story), then each distinct non-empty proposals.brand of a community
-- that names none of them; the theme is guessed from the name (儿童/老年/睦邻/青年, else other).
-- Then every proposal with a brand text is linked to its community's brand of that name.
INSERT INTO "brands" ("community_id", "name", "theme", "tagline", "story")
SELECT c."id", btrim(c."brand_name"),
  (CASE
    WHEN c."brand_name" LIKE '%儿童%' THEN 'child'
    WHEN c."brand_name" LIKE '%老年%' THEN 'elder'
    WHEN c."brand_name" LIKE '%睦邻%' THEN 'neighbour'
    WHEN c."brand_name" LIKE '%青年%' THEN 'youth'
    ELSE 'other'
  END)::"brand_theme",
  c."brand_tagline", c."brand_description"
FROM "communities" c
WHERE btrim(c."brand_name") <> ''
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "brands" ("community_id", "name", "theme")
SELECT DISTINCT p."community_id", btrim(p."brand"),
  (CASE
    WHEN p."brand" LIKE '%儿童%' THEN 'child'
    WHEN p."brand" LIKE '%老年%' THEN 'elder'
    WHEN p."brand" LIKE '%睦邻%' THEN 'neighbour'
    WHEN p."brand" LIKE '%青年%' THEN 'youth'
    ELSE 'other'
  END)::"brand_theme"
FROM "proposals" p
WHERE btrim(p."brand") <> ''
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "proposals" p SET "brand_id" = b."id", "brand" = b."name"
FROM "brands" b
WHERE b."community_id" = p."community_id" AND b."name" = btrim(p."brand") AND p."brand_id" IS NULL;
