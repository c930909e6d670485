/**
 * For tests of a data migration: a copy of the migrations folder holding only the migrations up
 * to `lastIdx` (journal index), so a database can be built at an old schema, filled, then
 * migrated the rest of the way.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationsFolder } from "../migrate";

export function migrationsUpTo(lastIdx: number) {
  const source = migrationsFolder();
  const journal = JSON.parse(
    fs.readFileSync(path.join(source, "meta", "_journal.json"), "utf8"),
  ) as { entries: { idx: number; tag: string }[] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rs-migrations-"));
  fs.mkdirSync(path.join(dir, "meta"));
  const entries = journal.entries.filter((e) => e.idx <= lastIdx);
  for (const e of entries)
    fs.copyFileSync(path.join(source, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(
    path.join(dir, "meta", "_journal.json"),
    JSON.stringify({ ...journal, entries }),
  );
  return dir;
}
