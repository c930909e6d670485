import { and, eq, inArray, like, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  auditLog,
  competitions,
  deliveries,
  deliveryDisbursements,
  deliveryGrants,
  deliverySpending,
  funds,
  needs,
  proposalBudgetLines,
  proposalMilestones,
  proposalNeeds,
  users,
} from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { seedDemo } from "../../seeds/seed";
import { simulateFinishedShow } from "../../seeds/simulate";
import type { ResultConfig } from "../domain/results";
import { DAY, GREEDY } from "../testing/results";
import {
  DeliveryError,
  disburse,
  flagDelivery,
  getDelivery,
  listDeliveries,
  markDone,
  postUpdate,
  recordSpending,
  setMilestoneDone,
  terminateDelivery,
  type DeliveryUser,
} from "./delivery.server";
import { getPublishedResult, publishRun, ResultsError, runResults } from "./results.server";
import { actorOf } from "./user.server";

const t = useTestDb();

async function user(username: string): Promise<DeliveryUser> {
  const [u] = await t.db.select().from(users).where(eq(users.username, username));
  return { id: u!.id, username: u!.username, role: u!.role, communityId: u!.communityId };
}

/** The demo show played to its end and its result published. */
async function setup() {
  await seedDemo(t.db);
  const [c] = await t.db.select().from(competitions);
  await simulateFinishedShow(t.db, c!.id, { seed: "delivery-test", ballots: 30, stations: [] });
  const admin = await user("admin");
  const run = await runResults(t.db, actorOf(admin), c!.id, GREEDY, "");
  await publishRun(t.db, actorOf(admin), c!.id, run.id, {
    startsAt: new Date(Date.now() - DAY),
    endsAt: new Date(Date.now() + 7 * DAY),
  });
  const published = (await getPublishedResult(t.db, c!.id))!;
  return { competitionId: c!.id, admin, runId: run.id, output: published.output };
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof DeliveryError || e instanceof ResultsError) return e.refusal;
    throw e;
  }
  return null;
}

/** The secretary of a delivery's community. */
async function secretaryOf(communityId: number) {
  const [u] = await t.db
    .select()
    .from(users)
    .where(and(eq(users.role, "secretary"), eq(users.communityId, communityId)));
  return { id: u!.id, username: u!.username, role: u!.role, communityId: u!.communityId };
}

const today = "2026-12-20";

describe("delivery (任务清单)", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    s = await setup();
  });

  it("turns each funded project into a delivery with its grants, milestones and budget lines", async () => {
    const fundRows = await t.db
      .select()
      .from(funds)
      .where(eq(funds.competitionId, s.competitionId));
    const funded = s.output.rows.filter((r) => r.amounts.street + r.amounts.foundation > 0);
    expect(funded.length).toBeGreaterThan(0);
    const list = await listDeliveries(t.db, { competitionId: s.competitionId });
    expect(list.map((d) => d.proposalId).sort()).toEqual(funded.map((r) => r.id).sort());
    for (const row of funded) {
      const d = list.find((x) => x.proposalId === row.id)!;
      expect(d.status).toBe("not_started");
      expect(d.grantedFen).toBe(row.amounts.street + row.amounts.foundation);
      expect(d.paidFen).toBe(0);
      const detail = (await getDelivery(t.db, d.id))!;
      for (const f of fundRows) {
        const g = detail.grants.find((x) => x.fundId === f.id);
        expect(g?.grantedFen ?? 0).toBe(row.amounts[f.kind]);
      }
      const milestones = await t.db
        .select()
        .from(proposalMilestones)
        .where(eq(proposalMilestones.proposalId, row.id));
      expect(detail.milestones.map((m) => m.title)).toEqual(
        milestones.sort((a, b) => a.position - b.position).map((m) => m.title),
      );
      const lines = await t.db
        .select()
        .from(proposalBudgetLines)
        .where(eq(proposalBudgetLines.proposalId, row.id));
      expect(detail.budgetLines).toHaveLength(lines.length);
    }
    // Audited in the publishing transaction: one creation per delivery.
    const created = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "delivery.create"));
    expect(created).toHaveLength(funded.length);
  });

  it("never pays a fund beyond its grant, also with 20 tranches at once", async () => {
    const [d] = await listDeliveries(t.db, { competitionId: s.competitionId });
    const detail = (await getDelivery(t.db, d!.id))!;
    const grant = detail.grants[0]!;
    // 20 tranches of a quarter of the grant (rounded up): only three fit, never four.
    const quarter = Math.ceil(grant.grantedFen / 4) + 1;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        disburse(t.db, s.admin, d!.id, {
          fundId: grant.fundId,
          amountFen: quarter,
          paidOn: today,
          note: `第 ${i + 1} 笔`,
        }),
      ),
    );
    const paid = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter(
      (r) =>
        r.status === "rejected" &&
        r.reason instanceof DeliveryError &&
        r.reason.refusal === "overGrant",
    );
    expect(paid).toHaveLength(3);
    expect(refused).toHaveLength(17);
    const [g] = await t.db
      .select()
      .from(deliveryGrants)
      .where(and(eq(deliveryGrants.deliveryId, d!.id), eq(deliveryGrants.fundId, grant.fundId)));
    const [sum] = await t.db
      .select({ total: sql<number>`coalesce(sum(${deliveryDisbursements.amountFen}), 0)::bigint` })
      .from(deliveryDisbursements)
      .where(eq(deliveryDisbursements.deliveryId, d!.id));
    expect(g!.paidFen).toBe(3 * quarter);
    expect(Number(sum!.total)).toBe(g!.paidFen);
    expect(g!.paidFen).toBeLessThanOrEqual(g!.grantedFen);
    // The rest pays exactly; one 分 more is refused; the database refuses it even unasked.
    const rest = g!.grantedFen - g!.paidFen;
    await disburse(t.db, s.admin, d!.id, {
      fundId: grant.fundId,
      amountFen: rest,
      paidOn: today,
      note: "",
    });
    expect(
      await refusal(
        disburse(t.db, s.admin, d!.id, {
          fundId: grant.fundId,
          amountFen: 1,
          paidOn: today,
          note: "",
        }),
      ),
    ).toBe("overGrant");
    await expect(
      t.db
        .update(deliveryGrants)
        .set({ paidFen: g!.grantedFen + 1 })
        .where(eq(deliveryGrants.deliveryId, d!.id)),
    ).rejects.toThrow();
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "delivery.disburse"), eq(auditLog.subjectId, String(d!.id))));
    expect(audits).toHaveLength(4);
  });

  it("records spending against budget lines with receipts: lines reconcile, a line never overspent", async () => {
    const [d] = await listDeliveries(t.db, { competitionId: s.competitionId });
    const sec = await secretaryOf(d!.communityId);
    const detail = (await getDelivery(t.db, d!.id))!;
    const [a, b] = detail.budgetLines;
    const receipt = { sha256: "a".repeat(64), mime: "image/png", name: "发票.png", sizeBytes: 10 };
    await recordSpending(t.db, sec, d!.id, {
      budgetLineId: a!.id,
      amountFen: 1000_00,
      spentOn: today,
      description: "采购",
      receipts: [receipt],
    });
    await recordSpending(t.db, sec, d!.id, {
      budgetLineId: b!.id,
      amountFen: b!.budgetFen,
      spentOn: today,
      description: "全部",
      receipts: [],
    });
    expect(
      await refusal(
        recordSpending(t.db, sec, d!.id, {
          budgetLineId: b!.id,
          amountFen: 1,
          spentOn: today,
          description: "多了",
          receipts: [],
        }),
      ),
    ).toBe("overBudget");
    const after = (await getDelivery(t.db, d!.id, { withReceipts: true }))!;
    expect(after.status).toBe("in_progress");
    expect(after.budgetLines.find((l) => l.id === a!.id)!.spentFen).toBe(1000_00);
    expect(after.budgetLines.find((l) => l.id === b!.id)!.spentFen).toBe(b!.budgetFen);
    const spendingRows = await t.db
      .select()
      .from(deliverySpending)
      .where(eq(deliverySpending.deliveryId, d!.id));
    // Per line sums add up to the total, and every record is on a line of this delivery.
    expect(after.budgetLines.reduce((x, l) => x + l.spentFen, 0)).toBe(
      spendingRows.reduce((x, r) => x + r.amountFen, 0),
    );
    expect(after.spending[0]!.receipts.map((r) => r.name)).toEqual(["发票.png"]);
    // The public reading carries no receipts.
    const pub = (await getDelivery(t.db, d!.id))!;
    expect(pub.spending.every((x) => x.receipts.length === 0)).toBe(true);
    // A line of another delivery is not this one's.
    const [other] = (await listDeliveries(t.db, { competitionId: s.competitionId })).filter(
      (x) => x.id !== d!.id && x.communityId === d!.communityId,
    );
    if (other) {
      const otherLine = (await getDelivery(t.db, other.id))!.budgetLines[0]!;
      expect(
        await refusal(
          recordSpending(t.db, sec, d!.id, {
            budgetLineId: otherLine.id,
            amountFen: 1,
            spentOn: today,
            description: "",
            receipts: [],
          }),
        ),
      ).toBe("notFound");
    }
  });

  it("lets a secretary work only on their community's deliveries; observers only read", async () => {
    const list = await listDeliveries(t.db, { competitionId: s.competitionId });
    const d = list[0]!;
    const own = await secretaryOf(d.communityId);
    const otherCommunity = list.find((x) => x.communityId !== d.communityId)?.communityId;
    const other = await secretaryOf(otherCommunity ?? d.communityId + 1);
    const observer = await user("observer");
    const update = { body: "开工", happenedOn: today, photos: [] };
    expect(await refusal(postUpdate(t.db, other, d.id, update))).toBe("forbidden");
    expect(await refusal(postUpdate(t.db, observer, d.id, update))).toBe("forbidden");
    expect(await refusal(postUpdate(t.db, s.admin, d.id, update))).toBe("forbidden");
    expect(
      await refusal(
        disburse(t.db, own, d.id, { fundId: 1, amountFen: 1, paidOn: today, note: "" }),
      ),
    ).toBe("forbidden");
    expect(await refusal(markDone(t.db, observer, d.id))).toBe("forbidden");
    expect(await refusal(flagDelivery(t.db, own, d.id, "late", ""))).toBe("forbidden");
    // The secretary's list is their community's only.
    const mine = await listDeliveries(t.db, { communityId: own.communityId! });
    expect(mine.every((x) => x.communityId === own.communityId)).toBe(true);
    // The own secretary may.
    const photo = { sha256: "b".repeat(64), mime: "image/jpeg", name: "现场.jpg", sizeBytes: 5 };
    await postUpdate(t.db, own, d.id, { ...update, photos: [photo] });
    const milestone = (await getDelivery(t.db, d.id))!.milestones[0]!;
    await setMilestoneDone(t.db, own, d.id, milestone.id, today);
    const after = (await getDelivery(t.db, d.id))!;
    expect(after.status).toBe("in_progress");
    expect(after.updates[0]!.photos.map((p) => p.name)).toEqual(["现场.jpg"]);
    expect(after.milestones[0]!.doneOn).toBe(today);
  });

  it("flags, terminates with a reason, and a terminated project takes nothing more", async () => {
    const [d, e] = await listDeliveries(t.db, { competitionId: s.competitionId });
    await flagDelivery(t.db, s.admin, d!.id, "late", "第二个里程碑未按期完成");
    await flagDelivery(t.db, s.admin, d!.id, "risk", "供应商延期");
    let detail = (await getDelivery(t.db, d!.id))!;
    expect(detail).toMatchObject({ status: "late", atRisk: true });
    expect(await refusal(flagDelivery(t.db, s.admin, d!.id, "late", ""))).toBe("alreadyLate");
    await flagDelivery(t.db, s.admin, d!.id, "unlate", "已赶上进度");
    detail = (await getDelivery(t.db, d!.id))!;
    expect(detail.status).toBe("in_progress");
    expect(await refusal(terminateDelivery(t.db, s.admin, e!.id, "  "))).toBe("reasonRequired");
    await terminateDelivery(t.db, s.admin, e!.id, "场地无法落实");
    const sec = await secretaryOf(e!.communityId);
    expect(
      await refusal(postUpdate(t.db, sec, e!.id, { body: "x", happenedOn: today, photos: [] })),
    ).toBe("final");
    const fundId = (await getDelivery(t.db, e!.id))!.grants[0]!.fundId;
    expect(
      await refusal(
        disburse(t.db, s.admin, e!.id, { fundId, amountFen: 1, paidOn: today, note: "" }),
      ),
    ).toBe("final");
    const actions = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          like(auditLog.action, "delivery.%"),
          inArray(auditLog.subjectId, [String(d!.id), String(e!.id)]),
        ),
      );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["delivery.flag", "delivery.terminate"]),
    );
  });

  it("resolves the needs a project answers when it is done", async () => {
    const list = await listDeliveries(t.db, { competitionId: s.competitionId });
    const d = list[0]!;
    const linked = await t.db
      .select({ needId: proposalNeeds.needId })
      .from(proposalNeeds)
      .where(eq(proposalNeeds.proposalId, d.proposalId));
    expect(linked.length).toBeGreaterThan(0);
    await markDone(t.db, s.admin, d.id);
    const rows = await t.db
      .select({ status: needs.status })
      .from(needs)
      .where(
        inArray(
          needs.id,
          linked.map((l) => l.needId),
        ),
      );
    expect(rows.every((r) => r.status === "resolved")).toBe(true);
    const [row] = await t.db.select().from(deliveries).where(eq(deliveries.id, d.id));
    expect(row!.status).toBe("done");
    expect(row!.doneAt).not.toBeNull();
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "delivery.done"), eq(auditLog.subjectId, String(d.id))));
    expect(audit!.payload).toMatchObject({ resolvedNeeds: linked.map((l) => l.needId) });
    // Done is final for the community's work, but a last tranche may still be paid.
    const fundId = (await getDelivery(t.db, d.id))!.grants[0]!.fundId;
    await disburse(t.db, s.admin, d.id, { fundId, amountFen: 100, paidOn: today, note: "尾款" });
  });

  it("keeps grants with a republished result, never below what was paid", async () => {
    const [d] = await listDeliveries(t.db, { competitionId: s.competitionId });
    const grant = (await getDelivery(t.db, d!.id))!.grants[0]!;
    await disburse(t.db, s.admin, d!.id, {
      fundId: grant.fundId,
      amountFen: grant.grantedFen,
      paidOn: today,
      note: "全额",
    });
    // A new run that funds by tiers of 1 元 cannot go below what is already paid out.
    const tiny: ResultConfig = {
      ...GREEDY,
      rule: {
        kind: "tiers",
        tiers: [{ name: "一等", count: 20, amount: { kind: "fixed", fen: 100 } }],
      },
    };
    const run = await runResults(t.db, actorOf(s.admin), s.competitionId, tiny, "复核后调整");
    expect(
      await refusal(
        publishRun(t.db, actorOf(s.admin), s.competitionId, run.id, {
          startsAt: new Date(Date.now() - DAY),
          endsAt: new Date(Date.now() + 7 * DAY),
        }),
      ),
    ).toBe("grantBelowPaid");
    // Nothing changed: the first result is still the published one.
    expect((await getPublishedResult(t.db, s.competitionId))!.id).toBe(s.runId);
  });
});
