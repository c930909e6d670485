/**
 * Issue 10 (voting): voiding a whole batch of ballot cards, GB18030 imports that do not
 * duplicate on re-import, and the start of a paper-count resolution, on the real database.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, ballotTokens, competitions, needs, users } from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { decodeCsv } from "../domain/csv-encoding";
import { parseNeedsCsv } from "../domain/needs-csv";
import { resolutionDraft } from "../domain/paper-count";
import { parseRegistryCsv } from "../domain/registry-csv";
import {
  castBallot,
  computeTally,
  getBallot,
  importRegistry,
  issueBatch,
  listBatches,
  tokenForResident,
  voidBatch,
  checkCodeOf,
  voidToken,
} from "./ballot.server";
import { listCommunities } from "./community.server";
import { importNeeds } from "./need.server";
import { createStation, enterCount, listStations } from "./paper.server";
import { actorOf } from "./user.server";

// Every test starts from the demo data.
const t = useTestDb({ seeded: true });
const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.resolve("app/testing/fixtures", name)));

async function open() {
  const [c] = await t.db.select().from(competitions);
  await t.db
    .update(competitions)
    .set({
      phase: "voting",
      votingOpensAt: new Date(Date.now() - 3600_000),
      votingClosesAt: new Date(Date.now() + 3600_000),
      verificationMode: "both",
    })
    .where(eq(competitions.id, c!.id));
  const [admin] = await t.db.select().from(users).where(eq(users.username, "admin"));
  const ballot = (await getBallot(t.db, c!.id, true))!;
  return { competitionId: c!.id, admin: { ...actorOf(admin!), userId: admin!.id }, ballot };
}

async function user(username: string) {
  const [u] = await t.db.select().from(users).where(eq(users.username, username));
  return { ...actorOf(u!), userId: u!.id };
}

describe("voiding a whole batch of ballot cards", () => {
  it("voids every unused card with the reason, keeps used ones, audits it, and a new batch votes", async () => {
    const s = await open();
    const [community] = await listCommunities(t.db);
    const { batch, tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "春和社区 第一批",
      communityId: community!.id,
      count: 5,
    });
    const p = s.ballot.projects[0]!.id;
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toMatchObject({ status: "cast" });

    const result = await voidBatch(
      t.db,
      s.admin,
      s.competitionId,
      batch.id,
      "CSV 下载失败,未交印刷厂",
    );
    expect(result).toEqual({
      status: "voided",
      voided: 4,
      used: 1,
      batch: { name: "春和社区 第一批", communityId: community!.id },
    });
    const stored = await t.db.select().from(ballotTokens).where(eq(ballotTokens.batchId, batch.id));
    expect(stored.filter((x) => x.status === "void").map((x) => x.voidReason)).toEqual(
      Array(4).fill("CSV 下载失败,未交印刷厂"),
    );
    expect(stored.filter((x) => x.status === "used")).toHaveLength(1);
    // The voided cards cannot vote; the used one keeps its receipt.
    expect(await castBallot(t.db, tokens[1]!.token, [p])).toEqual({ ok: false, refusal: "void" });
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toMatchObject({ status: "already" });

    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "ballot.batchVoid"));
    expect(audit).toMatchObject({
      payload: { batchId: batch.id, voided: 4, used: 1, reason: "CSV 下载失败,未交印刷厂" },
    });

    // Nothing left to void; other competitions' batches are not reachable; turnout drops them.
    expect(await voidBatch(t.db, s.admin, s.competitionId, batch.id, "again")).toEqual({
      status: "nothingToVoid",
    });
    expect(await voidBatch(t.db, s.admin, s.competitionId + 1, batch.id, "x")).toEqual({
      status: "notFound",
    });
    const turnout = (await computeTally(t.db, s.competitionId))!.turnout;
    expect(turnout.find((x) => x.communityId === community!.id)).toMatchObject({
      issued: 1,
      used: 1,
    });

    // Issued again: the new cards vote.
    const again = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "春和社区 第一批(重发)",
      communityId: community!.id,
      count: 4,
    });
    expect(await castBallot(t.db, again.tokens[0]!.token, [p])).toMatchObject({ status: "cast" });
    const rows = await listBatches(t.db, s.competitionId);
    expect(rows.map((r) => [r.name, r.issued, r.used, r.void])).toEqual([
      ["春和社区 第一批", 5, 1, 4],
      ["春和社区 第一批(重发)", 4, 1, 0],
    ]);
  });

  it("does not void a registry batch this way", async () => {
    const s = await open();
    const [community] = await listCommunities(t.db);
    await importRegistry(t.db, s.admin, s.competitionId, [
      { name: "王小明", phone: "13700001234", communityId: community!.id },
    ]);
    expect(
      await tokenForResident(t.db, s.competitionId, { name: "王小明", phone: "13700001234" }),
    ).toMatchObject({ ok: true });
    const [registryBatch] = await listBatches(t.db, s.competitionId);
    expect(registryBatch!.kind).toBe("registry");
    expect(await voidBatch(t.db, s.admin, s.competitionId, registryBatch!.id, "x")).toEqual({
      status: "registry",
    });
    // Nor one registry card: derived from the entry, it could never be replaced.
    const card = await tokenForResident(t.db, s.competitionId, {
      name: "王小明",
      phone: "13700001234",
    });
    if (!card.ok) throw new Error("no card");
    expect(
      await voidToken(
        t.db,
        s.admin,
        s.competitionId,
        registryBatch!.id,
        checkCodeOf(card.token),
        "x",
      ),
    ).toBe("registry");
    expect(
      await tokenForResident(t.db, s.competitionId, { name: "王小明", phone: "13700001234" }),
    ).toEqual(card);
  });
});

describe("GB18030 imports", () => {
  it("imports needs from a GB18030 file; importing it again adds nothing", async () => {
    const s = await open();
    const communities = await listCommunities(t.db);
    const { rows, errors } = parseNeedsCsv(decodeCsv(fixture("needs-gb18030.csv")).text);
    expect(errors).toEqual([]);
    const resolved = rows.map((r) => ({
      ...r,
      communityId: communities.find((c) => c.name === r.community)!.id,
    }));
    const before = (await t.db.select().from(needs)).length;
    // The file repeats one need: it is added once.
    expect(await importNeeds(t.db, s.admin, resolved)).toEqual({ added: 3, skipped: 1 });
    expect(await importNeeds(t.db, s.admin, resolved)).toEqual({ added: 0, skipped: 4 });
    // Spaces and full-width forms do not make a new need either.
    expect(
      await importNeeds(t.db, s.admin, [
        { ...resolved[1]!, title: " 小区快递柜 不够用 " },
        { ...resolved[1]!, title: "小区快递柜不够用", communityId: communities.at(-1)!.id },
      ]),
    ).toEqual({ added: 1, skipped: 1 });
    const stored = await t.db.select().from(needs);
    expect(stored.length - before).toBe(4);
    expect(stored.map((n) => n.title)).toContain("楼道声控灯常坏(GB18030 导入)");
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "need.import"));
    expect(audits.map((a) => a.payload)).toEqual([
      { count: 3, skipped: 1 },
      { count: 0, skipped: 4 },
      { count: 1, skipped: 1 },
    ]);
  });

  it("imports a GB18030 resident registry once however often it is imported", async () => {
    const s = await open();
    const communities = await listCommunities(t.db);
    const { rows, errors } = parseRegistryCsv(decodeCsv(fixture("registry-gb18030.csv")).text);
    expect(errors).toEqual([]);
    const resolved = rows.map((r) => ({
      name: r.name,
      phone: r.phone,
      document: r.document || undefined,
      communityId: communities.find((c) => c.name === r.community)!.id,
    }));
    expect(await importRegistry(t.db, s.admin, s.competitionId, resolved)).toBe(2);
    expect(await importRegistry(t.db, s.admin, s.competitionId, resolved)).toBe(0);
    expect(
      await tokenForResident(t.db, s.competitionId, { name: "欧阳春花", phone: "13900001111" }),
    ).toMatchObject({ ok: true });
  });
});

describe("resolving a paper-count mismatch", () => {
  it("starts from the lines both clerks agree on; a new station counts in the tally at once", async () => {
    const s = await open();
    const [community] = await listCommunities(t.db);
    const before = (await computeTally(t.db, s.competitionId))!.stationsTotal;
    const station = await createStation(t.db, s.admin, {
      competitionId: s.competitionId,
      communityId: community!.id,
      name: "春和广场",
    });
    expect((await computeTally(t.db, s.competitionId))!.stationsTotal).toBe(before + 1);
    const [p1, p2] = s.ballot.projects.map((p) => String(p.id));
    await enterCount(t.db, await user("clerk1"), station!.id, {
      ballotsCast: 50,
      invalid: 1,
      votes: { [p1!]: 30, [p2!]: 12 },
    });
    await enterCount(t.db, await user("clerk2"), station!.id, {
      ballotsCast: 50,
      invalid: 2,
      votes: { [p1!]: 30, [p2!]: 13 },
    });
    const view = (await listStations(t.db, s.competitionId)).find((x) => x.id === station!.id)!;
    expect(view.reconciliation.status).toBe("mismatch");
    const draft = resolutionDraft(
      view.reconciliation.entries,
      s.ballot.projects.map((p) => p.id),
    )!;
    expect(draft).toMatchObject({
      ballotsCast: { agreed: 50 },
      invalid: { entries: [1, 2] },
      [p1!]: { agreed: 30 },
      [p2!]: { entries: [12, 13] },
    });
    const unchanged = s.ballot.projects.slice(2).map((p) => draft[String(p.id)]);
    expect(unchanged.every((d) => d && "agreed" in d && d.agreed === 0)).toBe(true);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "station.create"));
    expect(audit).toBeTruthy();
  });
});
