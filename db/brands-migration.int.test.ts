/**
 * Migration 0021 turns the brands kept as text into rows of `brands`: one per community from its
 * brand_name (theme guessed from the name), one per distinct proposals.brand of a community that
 * names none of them, and every proposal with a brand text linked to its community's brand.
 * Runs on an in-memory PGlite of its own (it needs a database at an old schema): PGlite run only.
 */
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "./migrate";
import { migrationsUpTo } from "./testing/migrations-up-to";

const client = new PGlite();
const db = drizzle(client);
afterAll(() => client.close());

describe("brands from text (0020–0021)", () => {
  it("creates a brand per community and per other proposal brand, and links the proposals", async () => {
    await migrate(db, { migrationsFolder: migrationsUpTo(18) });
    await client.exec(`
      INSERT INTO streets (id, name) VALUES (1, '花山街道');
      INSERT INTO communities (id, street_id, name, brand_name, brand_tagline, brand_description) VALUES
        (1, 1, '白羊山社区', '白羊山儿童友好型社区', '童心童行', '儿童议事会'),
        (2, 1, '兰园社区', '兰园老年友好型社区', '', ''),
        (3, 1, '春和社区', '春和万事兴', '', ''),
        (4, 1, '无品牌社区', '', '', '');
      INSERT INTO competitions (id, street_id, slug, title, year) VALUES (1, 1, 'c1', 'C1', 2025);
      INSERT INTO proposals (id, competition_id, community_id, title, brand) VALUES
        (1, 1, 1, 'A', '白羊山儿童友好型社区'),
        (2, 1, 1, 'B', ' 邻里睦邻坊 '),
        (3, 1, 2, 'C', ''),
        (4, 1, 3, 'D', '春和万事兴'),
        (5, 1, 4, 'E', '青年之家'),
        (6, 1, 4, 'F', '青年之家');
    `);
    await migrate(db, { migrationsFolder: migrationsFolder() });
    const brands = await client.query<{
      community_id: number;
      name: string;
      theme: string;
      tagline: string;
      story: string;
    }>("SELECT community_id, name, theme, tagline, story FROM brands ORDER BY community_id, name");
    expect(brands.rows).toEqual([
      {
        community_id: 1,
        name: "白羊山儿童友好型社区",
        theme: "child",
        tagline: "童心童行",
        story: "儿童议事会",
      },
      { community_id: 1, name: "邻里睦邻坊", theme: "neighbour", tagline: "", story: "" },
      { community_id: 2, name: "兰园老年友好型社区", theme: "elder", tagline: "", story: "" },
      { community_id: 3, name: "春和万事兴", theme: "other", tagline: "", story: "" },
      { community_id: 4, name: "青年之家", theme: "youth", tagline: "", story: "" },
    ]);
    const linked = await client.query<{ id: number; brand: string; name: string | null }>(
      "SELECT p.id, p.brand, b.name FROM proposals p LEFT JOIN brands b ON b.id = p.brand_id ORDER BY p.id",
    );
    expect(linked.rows).toEqual([
      { id: 1, brand: "白羊山儿童友好型社区", name: "白羊山儿童友好型社区" },
      { id: 2, brand: "邻里睦邻坊", name: "邻里睦邻坊" },
      { id: 3, brand: "", name: null },
      { id: 4, brand: "春和万事兴", name: "春和万事兴" },
      { id: 5, brand: "青年之家", name: "青年之家" },
      { id: 6, brand: "青年之家", name: "青年之家" },
    ]);
  }, 120_000);
});
