/**
 * The migrations are the schema: migrating an empty database gives exactly the tables,
 * columns (type, NOT NULL), indexes, constraints and enums that db/schema.ts declares, and
 * the last migration's snapshot is db/schema.ts too (`drizzle-kit generate` would write nothing).
 */
import fs from "node:fs";
import path from "node:path";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { migrationsFolder } from "./migrate";
import { rowsOf } from "./rows";
import * as schema from "./schema";
import { useTestDb } from "./testing/test-db";

const t = useTestDb();

interface SnapshotTable {
  name: string;
  columns: Record<string, { name: string; type: string; notNull: boolean; primaryKey: boolean }>;
  indexes: Record<string, unknown>;
  foreignKeys: Record<string, unknown>;
  compositePrimaryKeys: Record<string, { name: string }>;
  uniqueConstraints: Record<string, unknown>;
  checkConstraints?: Record<string, unknown>;
}

const SERIAL: Record<string, string> = {
  serial: "integer",
  bigserial: "bigint",
  smallserial: "smallint",
};

/** What db/schema.ts declares, in the words PostgreSQL's catalogue uses. */
function declared() {
  const snapshot = generateDrizzleJson(schema) as unknown as {
    tables: Record<string, SnapshotTable>;
    enums: Record<string, { name: string; values: string[] }>;
  };
  const columns: string[] = [];
  const objects: string[] = [];
  for (const table of Object.values(snapshot.tables)) {
    for (const c of Object.values(table.columns))
      columns.push(
        `${table.name}.${c.name} ${
          SERIAL[c.type] ??
          c.type
            .replace(/^"public"\./, "")
            .replaceAll('"', "")
            .replace(" (", "(")
            .replace(", ", ",")
        }${c.notNull || c.primaryKey ? " not null" : ""}`,
      );
    for (const name of Object.keys(table.indexes)) objects.push(`${table.name} index ${name}`);
    // PostgreSQL cuts identifiers at 63 bytes (drizzle-kit's long default FK names too).
    for (const name of Object.keys(table.foreignKeys))
      objects.push(`${table.name} fk ${name.slice(0, 63)}`);
    for (const name of Object.keys(table.uniqueConstraints))
      objects.push(`${table.name} unique ${name}`);
    for (const name of Object.keys(table.checkConstraints ?? {}))
      objects.push(`${table.name} check ${name}`);
  }
  const enums = Object.values(snapshot.enums).map((e) => `${e.name}: ${e.values.join(",")}`);
  return {
    tables: Object.values(snapshot.tables)
      .map((x) => x.name)
      .sort(),
    columns: columns.sort(),
    objects: objects.sort(),
    enums: enums.sort(),
  };
}

/** What the migrated database holds (public schema, drizzle's own bookkeeping left out). */
async function migrated() {
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.db.execute(query));
  const tables = await q<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
  );
  const columns = await q<{ line: string }>(sql`
    select c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || case when a.attnotnull then ' not null' else '' end as line
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`);
  // Indexes that back a primary key or unique constraint are the constraint, not an index.
  const objects = await q<{ line: string }>(sql`
    select tablename || ' index ' || indexname as line from pg_indexes i
    where schemaname = 'public' and not exists (
      select 1 from pg_constraint k where k.conname = i.indexname and k.contype in ('p', 'u'))
    union all
    select c.relname || case k.contype when 'f' then ' fk ' when 'u' then ' unique '
                                       else ' check ' end || k.conname
    from pg_constraint k join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and k.contype in ('f', 'u', 'c')`);
  const enums = await q<{ line: string }>(sql`
    select t.typname || ': ' || string_agg(e.enumlabel, ',' order by e.enumsortorder) as line
    from pg_type t join pg_enum e on e.enumtypid = t.oid
    join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = 'public' group by t.typname`);
  const lines = (rows: { line: string }[]) => rows.map((r) => r.line).sort();
  return {
    tables: tables.map((r) => r.name).sort(),
    columns: lines(columns),
    objects: lines(objects),
    enums: lines(enums),
  };
}

describe("migrations", () => {
  it("give an empty database exactly the schema db/schema.ts declares", async () => {
    const want = declared();
    const have = await migrated();
    expect(have.tables).toEqual(want.tables);
    expect(have.columns).toEqual(want.columns);
    expect(have.objects).toEqual(want.objects);
    expect(have.enums).toEqual(want.enums);
  });

  it("end with a snapshot of db/schema.ts (nothing left to generate)", async () => {
    const meta = path.join(migrationsFolder(), "meta");
    const journal = JSON.parse(fs.readFileSync(path.join(meta, "_journal.json"), "utf8")) as {
      entries: { idx: number }[];
    };
    const last = journal.entries.at(-1)!.idx;
    const snapshot = JSON.parse(
      fs.readFileSync(path.join(meta, `${String(last).padStart(4, "0")}_snapshot.json`), "utf8"),
    );
    const statements = await generateMigration(snapshot, generateDrizzleJson(schema));
    expect(statements).toEqual([]);
  });
});
