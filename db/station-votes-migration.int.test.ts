/**
 * Migrations 0012–0014 move a confirmed station's paper votes from a JSON column into rows.
 * A database migrated to 0011 with a confirmed station is migrated the rest of the way: every
 * vote arrives as a row, keys that are no proposal's id are left behind, and the JSON column is
 * gone. Runs on an in-memory PGlite of its own (it needs a database at an old schema), so it is
 * in the PGlite run only.
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

describe("paper votes from JSON into rows (0012–0014)", () => {
  it("backfills every vote of a confirmed station and drops the JSON column", async () => {
    await migrate(db, { migrationsFolder: migrationsUpTo(11) });
    // Foreign keys are not what this checks: fill only the rows the backfill reads.
    await client.exec(`
      SET session_replication_role = replica;
      INSERT INTO proposals (id, competition_id, community_id, title) VALUES
        (7, 1, 1, 'A'), (8, 1, 1, 'B');
      INSERT INTO station_results (station_id, ballots_cast, invalid, votes, source) VALUES
        (3, 40, 2, '{"7": 25, "8": 13, "999": 4}', 'agreement');
      SET session_replication_role = DEFAULT;
    `);
    await migrate(db, { migrationsFolder: migrationsFolder() });
    const rows = await client.query<{ station_id: number; proposal_id: number; votes: number }>(
      "SELECT station_id, proposal_id, votes FROM station_result_votes ORDER BY proposal_id",
    );
    expect(rows.rows).toEqual([
      { station_id: 3, proposal_id: 7, votes: 25 },
      { station_id: 3, proposal_id: 8, votes: 13 },
    ]);
    const column = await client.query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'station_results' AND column_name = 'votes'",
    );
    expect(column.rows).toHaveLength(0);
  }, 120_000); // fourteen migrations on a fresh in-memory database: slow on a busy machine
});
