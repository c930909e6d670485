import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { auditLog, streets } from "../../db/schema";
import { testDriver } from "../../db/testing/env";
import { useTestDb, workerDatabaseUrl } from "../../db/testing/test-db";
import { appendAudit, sealAuditLog, verifyAuditLog } from "./audit.server";

const exec = promisify(execFile);
const actor = { userId: null, label: "test" };
const t = useTestDb();

async function appendMany(n: number) {
  for (let i = 0; i < n; i++) {
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
    const result = await verifyAuditLog(t.db, { seal: false });
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(20);
  });

  it("names the first tampered entry", async () => {
    await appendMany(6);
    await sealAuditLog(t.db);
    const [third] = await t.db.select().from(auditLog).where(eq(auditLog.seq, 3));
    await t.db
      .update(auditLog)
      .set({ payload: { i: 999 } })
      .where(eq(auditLog.id, third!.id));
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
    await t.db.delete(auditLog).where(eq(auditLog.seq, 2));
    const result = await verifyAuditLog(t.db);
    expect(result.broken).toMatchObject({ kind: "seq_gap", seq: 3, expectedSeq: 2 });
  });

  it("npm run audit:verify passes on an intact chain and fails, naming the entry, on a tampered row", async () => {
    // The command runs against a database of its own: this worker's PostgreSQL database, or an
    // embedded data folder (PGlite allows one process at a time, so the test closes its own).
    let env: NodeJS.ProcessEnv;
    let tamper: () => Promise<void>;
    if (testDriver() === "postgres") {
      await appendMany(3);
      env = { ...process.env, DATABASE_URL: workerDatabaseUrl() };
      tamper = async () => {
        await t.db.execute(sql`update audit_log set action = 'forged' where seq = 2`);
      };
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-audit-"));
      const open = async () => createDb({ pgliteDataDir: path.join(dataDir, "pglite") });
      const h = await open();
      await runMigrations(h);
      for (let i = 0; i < 3; i++)
        await appendAudit(h.db, actor, { action: "a", subjectType: "s", subjectId: i });
      await h.close();
      env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
      delete env.DATABASE_URL;
      tamper = async () => {
        const h2 = await open();
        await h2.db.execute(sql`update audit_log set action = 'forged' where seq = 2`);
        await h2.close();
      };
    }
    const ok = await exec(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
      env,
    });
    expect(ok.stdout).toMatch(/audit chain OK: 3 entries/);
    await tamper();
    const failed = await exec(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
      env,
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/BROKEN at entry id=\d+ seq=2 \(hash_mismatch, action forged/);
  }, 90_000);
});
