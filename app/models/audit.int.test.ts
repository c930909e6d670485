import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client";
import { auditLog, streets } from "../../db/schema";
import { testDriver } from "../../db/testing/env";
import { pgliteSnapshot, resetDb, useTestDb, workerDatabaseUrl } from "../../db/testing/test-db";
import { hashEntry, type ChainHead } from "../domain/audit-chain";
import { appendAudit, chainHead, sealAuditLog, verifyAuditLog } from "./audit.server";

const exec = promisify(execFile);
const actor = { userId: null, label: "test" };
const t = useTestDb();

async function appendMany(n: number, from = 0) {
  for (let i = from; i < from + n; i++) {
    await t.db.transaction(async (tx) => {
      const [s] = await tx
        .insert(streets)
        .values({ name: `街道${i}` })
        .returning();
      await appendAudit(tx, actor, {
        action: "street.create",
        subjectType: "street",
        subjectId: s!.id,
        payload: { i },
      });
    });
  }
}

describe("audit log", () => {
  it("is written with the change, and not at all when the change rolls back", async () => {
    await appendMany(1);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.insert(streets).values({ name: "回滚街道" });
        await appendAudit(tx, actor, {
          action: "street.create",
          subjectType: "street",
          subjectId: "x",
        });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const rows = await t.db.select().from(auditLog);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({ i: 0 });
  });

  it("seals entries into a chain in order and verifies it", async () => {
    await appendMany(5);
    expect(await sealAuditLog(t.db)).toBe(5);
    expect(await sealAuditLog(t.db)).toBe(0);
    const rows = await t.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    const result = await verifyAuditLog(t.db);
    expect(result).toMatchObject({
      ok: true,
      checked: 5,
      unsealed: 0,
      broken: null,
      head: rows[4]!.hash,
    });
  });

  it("seals concurrent writers without gaps or forks", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await appendAudit(tx, actor, { action: "x", subjectType: "y", subjectId: i });
        }),
      ),
    );
    await Promise.all([sealAuditLog(t.db), sealAuditLog(t.db), sealAuditLog(t.db)]);
    const result = await verifyAuditLog(t.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(20);
  });

  it("refuses UPDATE, DELETE, TRUNCATE and pre-sealed inserts; lets the sealer seal once", async () => {
    await appendMany(3);
    await sealAuditLog(t.db);
    const refused = async (statement: ReturnType<typeof sql>) => {
      const error = await t.db.execute(statement).then(
        () => null,
        (e: unknown) => e as { cause?: { code?: string }; code?: string },
      );
      expect(error, String(statement.queryChunks)).not.toBeNull();
      expect(error!.cause?.code ?? error!.code).toBe("42501");
    };
    await refused(sql`update audit_log set payload = '{"i":9}' where seq = 2`);
    await refused(
      sql`update audit_log set seq = null, prev_hash = null, hash = null where seq = 3`,
    );
    await refused(sql`update audit_log set hash = repeat('0', 64) where seq = 3`);
    await refused(sql`delete from audit_log where seq = 3`);
    await refused(sql`truncate audit_log`);
    await refused(
      sql`insert into audit_log (actor_label, action, subject_type, subject_id, seq, prev_hash, hash)
          values ('x', 'forged', 's', '1', 4, repeat('0', 64), repeat('0', 64))`,
    );
    expect(await t.db.select().from(auditLog)).toHaveLength(3);
    expect((await verifyAuditLog(t.db)).ok).toBe(true);
  });

  it.runIf(testDriver() === "postgres")(
    "the app role of db/app-role.sql inserts and seals, can do nothing else to audit_log, and may use the tables later migrations add",
    async () => {
      const role = `${workerDatabaseUrl().split("/").pop()}_app`.replace(/\W/g, "_");
      await t.db.execute(sql.raw(`drop owned by ${role}`)).catch(() => undefined);
      await t.db.execute(sql.raw(`drop role if exists ${role}`)).catch(() => undefined);
      await t.db.execute(sql.raw(`create role ${role} nologin`));
      const grants = fs
        .readFileSync("db/app-role.sql", "utf8")
        .replace(/--.*$/gm, "")
        .replaceAll(":role", role);
      for (const statement of grants.split(";").filter((x) => x.trim()))
        await t.db.execute(sql.raw(statement));
      const asApp = (statement: ReturnType<typeof sql>) =>
        t.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local role ${role}`));
          return tx.execute(statement);
        });
      const code = (p: Promise<unknown>) =>
        p.then(
          () => "ok",
          (e: { cause?: { code?: string }; code?: string }) => e.cause?.code ?? e.code,
        );
      try {
        await t.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local role ${role}`));
          await appendAudit(tx, actor, { action: "a", subjectType: "s", subjectId: 1 });
        });
        expect(await code(asApp(sql`update audit_log set payload = '{}'`))).toBe("42501");
        expect(await code(asApp(sql`delete from audit_log`))).toBe("42501");
        expect(await code(asApp(sql`truncate audit_log`))).toBe("42501");
        expect(await code(asApp(sql`alter table audit_log disable trigger user`))).toBe("42501");
        // Sealing (NULL → value on the seal columns) is what it may update.
        expect(
          await code(
            asApp(
              sql`update audit_log set seq = 1, prev_hash = repeat('0', 64), hash = repeat('1', 64)`,
            ),
          ),
        ).toBe("ok");
        expect(await t.db.select().from(auditLog)).toHaveLength(1);
        // A table a later migration adds (created by the owner, as migrations are) is the app's
        // to use at once: the file's default privileges, without running it again.
        await t.db.execute(sql`create table later_migration (id serial primary key, note text)`);
        expect(await code(asApp(sql`insert into later_migration (note) values ('x')`))).toBe("ok");
        expect(await code(asApp(sql`update later_migration set note = 'y'`))).toBe("ok");
        expect(await code(asApp(sql`select * from later_migration`))).toBe("ok");
      } finally {
        await t.db.execute(sql`drop table if exists later_migration`).catch(() => undefined);
        await t.db.execute(sql.raw(`drop owned by ${role}`)).catch(() => undefined);
        await t.db.execute(sql.raw(`drop role if exists ${role}`)).catch(() => undefined);
      }
    },
  );

  it("never seals while verifying", async () => {
    await appendMany(2);
    await sealAuditLog(t.db);
    await appendMany(2, 2);
    const result = await verifyAuditLog(t.db);
    expect(result).toMatchObject({ ok: true, checked: 2, unsealed: 2 });
    expect((await verifyAuditLog(t.db)).unsealed).toBe(2);
  });

  it("names the first tampered entry (by the table's owner, past the trigger)", async () => {
    await appendMany(6);
    await sealAuditLog(t.db);
    const [third] = await t.db.select().from(auditLog).where(eq(auditLog.seq, 3));
    await asOwner(t.db, async (tx) => {
      await tx.execute(sql`update audit_log set payload = '{"i":999}' where seq = 3`);
    });
    const result = await verifyAuditLog(t.db);
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(2);
    expect(result.broken).toMatchObject({
      kind: "hash_mismatch",
      id: third!.id,
      seq: 3,
      action: "street.create",
    });
  });

  it("detects a deleted entry", async () => {
    await appendMany(4);
    await sealAuditLog(t.db);
    await asOwner(t.db, (tx) => tx.execute(sql`delete from audit_log where seq = 2`));
    const result = await verifyAuditLog(t.db);
    expect(result.broken).toMatchObject({ kind: "seq_gap", seq: 3, expectedSeq: 2 });
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`detects ${name} against the published chain head`, async () => {
      await appendMany(6);
      await sealAuditLog(t.db);
      const head = (await chainHead(t.db))!;
      expect(head.seq).toBe(6);
      expect((await verifyAuditLog(t.db, { heads: [head] })).ok).toBe(true);
      await TAMPER[name as Tampering](t.db);
      const result = await verifyAuditLog(t.db, { heads: [head] });
      expect(result.ok).toBe(false);
      expect(result.broken).toMatchObject(expected);
      // Sealing again does not hide it: the re-sealed chain no longer has the published head.
      await sealAuditLog(t.db);
      expect((await verifyAuditLog(t.db, { heads: [head] })).ok).toBe(false);
    });
  }

  it("npm run audit:verify passes on an intact chain and fails, naming the entry, on each tampering", async () => {
    // The command runs against a database of its own: this worker's PostgreSQL database, or an
    // embedded data folder (PGlite allows one process at a time, so the test closes its own).
    const cli = (env: NodeJS.ProcessEnv, args: string[] = []) =>
      // The command as production runs it: bundled by `npm run build` (no tsx to start).
      exec(process.execPath, ["server-build/cli/audit-verify.js", ...args], {
        env,
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const setups: Array<{ name: Tampering | "edit"; expect: RegExp }> = [
      { name: "edit", expect: /BROKEN at entry id=\d+ seq=3 \(hash_mismatch, action forged/ },
      { name: "truncate", expect: /BROKEN at entry id=- seq=6 \(truncated/ },
      { name: "unseal", expect: /BROKEN at entry id=- seq=6 \(truncated/ },
      { name: "forge", expect: /BROKEN at entry id=\d+ seq=6 \(head_mismatch/ },
    ];
    for (const setup of setups) {
      let env: NodeJS.ProcessEnv;
      let tamper: (fn: (db: Db) => Promise<unknown>) => Promise<void>;
      let head: ChainHead;
      if (testDriver() === "postgres") {
        await resetDb(t.handle);
        await appendMany(6);
        await sealAuditLog(t.db);
        head = (await chainHead(t.db))!;
        env = { ...process.env, DATABASE_URL: workerDatabaseUrl() };
        tamper = async (fn) => void (await fn(t.db));
      } else {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-audit-"));
        const open = async (snapshot?: Blob) =>
          createDb({ pgliteDataDir: path.join(dataDir, "pglite"), pgliteSnapshot: snapshot });
        const h = await open(pgliteSnapshot("migrated"));
        for (let i = 0; i < 6; i++)
          await appendAudit(h.db, actor, { action: "a", subjectType: "s", subjectId: i });
        await sealAuditLog(h.db);
        head = (await chainHead(h.db))!;
        await h.close();
        env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
        delete env.DATABASE_URL;
        tamper = async (fn) => {
          const h2 = await open();
          await fn(h2.db);
          await h2.close();
        };
      }
      const headArg = `--head=${head.seq}:${head.hash}`;
      if (setup.name === "edit") {
        const ok = await cli(env, [headArg]);
        expect(ok.stdout).toMatch(/audit chain OK: 6 entries/);
      }
      await tamper((db) =>
        setup.name === "edit"
          ? asOwner(db, (tx) =>
              tx.execute(sql`update audit_log set action = 'forged' where seq = 3`),
            )
          : TAMPER[setup.name as Tampering](db),
      );
      const failed = await cli(env, [headArg]);
      expect(failed.code, setup.name).toBe(2);
      expect(failed.stderr, setup.name).toMatch(setup.expect);
    }
  }, 400_000);
});

type Tampering = "truncate" | "unseal" | "forge";

/** What the table's owner can do past the trigger (it can switch it off): the attacker's view. */
async function asOwner(
  db: Db,
  fn: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<unknown>,
) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await fn(tx);
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
}

const TAMPER: Record<Tampering, (db: Db) => Promise<void>> = {
  /** Deleting the last rows. */
  truncate: (db) => asOwner(db, (tx) => tx.execute(sql`delete from audit_log where seq > 4`)),
  /** Editing a row and nulling the seals from it on (so a sealer would re-seal them). */
  unseal: (db) =>
    asOwner(db, async (tx) => {
      await tx.execute(sql`update audit_log set action = 'forged' where seq = 3`);
      await tx.execute(
        sql`update audit_log set seq = null, prev_hash = null, hash = null where seq >= 3`,
      );
    }),
  /** Inserting a forged row into the past, and re-chaining everything after it. */
  forge: (db) =>
    asOwner(db, async (tx) => {
      await tx.execute(sql`update audit_log set seq = seq + 1000 where seq >= 3`);
      await tx.execute(sql`update audit_log set seq = seq - 999 where seq >= 1000`);
      const [second] = await tx.select().from(auditLog).where(eq(auditLog.seq, 2));
      await tx.insert(auditLog).values({
        actorLabel: "admin",
        action: "forged",
        subjectType: "s",
        subjectId: "x",
        payload: {},
        createdAt: second!.createdAt,
        seq: 3,
      });
      const rows = await tx.select().from(auditLog).orderBy(asc(auditLog.seq));
      let prev = rows[1]!.hash!;
      for (const row of rows.slice(2)) {
        const hash = hashEntry({ ...row, seq: row.seq! }, prev);
        await tx.update(auditLog).set({ prevHash: prev, hash }).where(eq(auditLog.id, row.id));
        prev = hash;
      }
    }),
};

const EXPECTED: Record<Tampering, object> = {
  truncate: { kind: "truncated", seq: 6, lastSeq: 4 },
  unseal: { kind: "truncated", seq: 6, lastSeq: 2 },
  forge: { kind: "head_mismatch", seq: 6 },
};
