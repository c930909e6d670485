import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, competitions, needs, proposals, users } from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { summariseBudget } from "../domain/competition-rules";
import type { ProposalContent } from "../domain/proposal-content";
import { verifyAuditLog } from "./audit.server";
import { listFunds } from "./competition.server";
import { createNeed } from "./need.server";
import {
  autosaveDraft,
  createDraft,
  FlowError,
  getProposalDetail,
  listProposals,
  proposalHistory,
  saveContent,
  submitProposal,
  transitionProposal,
} from "./proposal.server";
import { actorOf } from "./user.server";

// Every test starts from the demo data.
const t = useTestDb({ seeded: true });

async function user(username: string) {
  const [u] = await t.db.select().from(users).where(eq(users.username, username));
  return { ...u!, actor: actorOf(u!) };
}

async function setup() {
  const [competition] = await t.db.select().from(competitions);
  const sec = await user("sec-chunhe");
  const other = await user("sec-lanyuan");
  const admin = await user("admin");
  const funds = await listFunds(t.db, competition!.id);
  // The seeded proposal already cites the seeded needs: record two fresh ones.
  for (const title of ["三栋楼道堆物", "五栋门禁损坏"]) {
    await createNeed(t.db, sec.actor, sec.communityId!, {
      title,
      description: "",
      source: "grid",
      raisedCount: 5,
      status: "open",
    });
  }
  const open = await t.db
    .select()
    .from(needs)
    .where(and(eq(needs.communityId, sec.communityId!), eq(needs.status, "open")));
  return { competition: competition!, sec, other, admin, funds, open };
}

function content(
  over: Partial<ProposalContent> & { needIds: number[]; fundIds: number[] },
): ProposalContent {
  const { fundIds, ...rest } = over;
  return {
    title: "楼道微更新",
    brand: "春和万事兴",
    category: "governance",
    summary: "楼道清爽,居民共治",
    problem: "楼道堆物",
    beneficiaries: "3 栋居民",
    beneficiaryCount: 120,
    plan: "清理、议事、立约",
    team: "楼栋长",
    milestones: [{ title: "清理完成", dueOn: "2027-03-01", description: "" }],
    budgetLines: [
      { item: "清运", quantityHundredths: 300, unit: "车", unitPriceFen: 50000, note: "" },
      { item: "标识牌", quantityHundredths: 1250, unit: "块", unitPriceFen: 8000, note: "" },
      { item: "议事会茶歇", quantityHundredths: 400, unit: "次", unitPriceFen: 20050, note: "" },
    ],
    requests: [
      { fundId: fundIds[0]!, amountFen: 200000 },
      { fundId: fundIds[1]!, amountFen: 60000 },
    ],
    cofunding: [],
    ...rest,
  };
}

describe("proposal flow on the database", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    s = await setup();
  });

  it("goes draft → submitted → returned → resubmitted → accepted, audited, with needs tracked", async () => {
    const { sec, admin, competition, funds, open } = s;
    const id = await createDraft(t.db, sec.actor, {
      competitionId: competition.id,
      communityId: sec.communityId!,
      title: "楼道微更新",
      brand: "",
    });
    const c = content({ needIds: [open[0]!.id], fundIds: funds.map((f) => f.id) });
    await autosaveDraft(t.db, id, { title: "楼道微更", budgetLines: [{ quantity: "3x" }] });
    expect((await getProposalDetail(t.db, id))!.proposal.formState).toMatchObject({
      title: "楼道微更",
    });
    await saveContent(t.db, sec.actor, sec, id, c);
    const saved = await getProposalDetail(t.db, id);
    expect(saved!.proposal.formState).toBeNull();
    expect(saved!.content.budgetLines.map((l) => l.quantityHundredths)).toEqual([300, 1250, 400]);
    expect(
      summariseBudget({ lines: saved!.content.budgetLines, requests: [], cofunding: [] }).totalFen,
    ).toBe(150000 + 100000 + 80200);

    expect(await submitProposal(t.db, sec.actor, sec, id, c)).toBe("submitted");
    const [need] = await t.db.select().from(needs).where(eq(needs.id, open[0]!.id));
    expect(need!.status).toBe("in_proposal");

    await expect(transitionProposal(t.db, sec.actor, sec, id, "accept")).rejects.toMatchObject({
      refusal: "forbidden",
    });
    expect(
      await transitionProposal(t.db, admin.actor, admin, id, "return", {
        reason: "预算不够具体",
        fields: { budgetLines: "请列明单价依据" },
      }),
    ).toBe("returned");
    const returned = await getProposalDetail(t.db, id);
    expect(returned!.proposal.reviewNotes).toEqual({
      reason: "预算不够具体",
      fields: { budgetLines: "请列明单价依据" },
    });

    const fixed = { ...c, budgetLines: c.budgetLines.map((l) => ({ ...l, note: "参考市场价" })) };
    expect(await submitProposal(t.db, sec.actor, sec, id, fixed)).toBe("resubmitted");
    expect(await transitionProposal(t.db, admin.actor, admin, id, "accept", { reason: "" })).toBe(
      "accepted",
    );
    await expect(
      transitionProposal(t.db, admin.actor, admin, id, "reject", { reason: "x" }),
    ).rejects.toMatchObject({ refusal: "wrongStatus" });

    const history = (await proposalHistory(t.db, id)).map((h) => h.action);
    expect(history).toEqual([
      "proposal.create",
      "proposal.submit",
      "proposal.return",
      "proposal.resubmit",
      "proposal.accept",
    ]);
    const submit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, String(id)), eq(auditLog.action, "proposal.resubmit")));
    expect((submit[0]!.payload as { contentHash: string }).contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyAuditLog(t.db)).ok).toBe(true);
  });

  it("refuses a first submission after the deadline but takes a returned one back", async () => {
    const { sec, admin, competition, funds, open } = s;
    const c = content({ needIds: [open[0]!.id], fundIds: funds.map((f) => f.id) });
    const late = await createDraft(t.db, sec.actor, {
      competitionId: competition.id,
      communityId: sec.communityId!,
      title: "迟到",
      brand: "",
    });
    const early = await createDraft(t.db, sec.actor, {
      competitionId: competition.id,
      communityId: sec.communityId!,
      title: "按时",
      brand: "",
    });
    await submitProposal(t.db, sec.actor, sec, early, c);
    await transitionProposal(t.db, admin.actor, admin, early, "return", { reason: "补充材料" });

    await t.db
      .update(competitions)
      .set({ proposalDeadline: new Date(Date.now() - 60_000) })
      .where(eq(competitions.id, competition.id));
    await expect(submitProposal(t.db, sec.actor, sec, late, c)).rejects.toMatchObject({
      refusal: "deadlinePassed",
    });
    const [row] = await t.db.select().from(proposals).where(eq(proposals.id, late));
    expect(row!.status).toBe("draft");
    expect(await submitProposal(t.db, sec.actor, sec, early, c)).toBe("resubmitted");
  });

  it("keeps secretaries out of other communities' proposals", async () => {
    const { sec, other, competition, funds, open } = s;
    const id = await createDraft(t.db, sec.actor, {
      competitionId: competition.id,
      communityId: sec.communityId!,
      title: "草稿",
      brand: "",
    });
    const c = content({ needIds: [open[0]!.id], fundIds: funds.map((f) => f.id) });
    await expect(saveContent(t.db, other.actor, other, id, c)).rejects.toBeInstanceOf(FlowError);
    await expect(submitProposal(t.db, other.actor, other, id, c)).rejects.toMatchObject({
      refusal: "forbidden",
    });
    await expect(
      transitionProposal(t.db, other.actor, other, id, "withdraw"),
    ).rejects.toMatchObject({ refusal: "forbidden" });
  });

  it("allows withdrawal before the roadshow only, and frees the needs", async () => {
    const { sec, admin, competition, funds, open } = s;
    const c = content({ needIds: [open[1]!.id], fundIds: funds.map((f) => f.id) });
    const id = await createDraft(t.db, sec.actor, {
      competitionId: competition.id,
      communityId: sec.communityId!,
      title: "撤回",
      brand: "",
    });
    await submitProposal(t.db, sec.actor, sec, id, c);
    await transitionProposal(t.db, admin.actor, admin, id, "accept");
    await t.db
      .update(competitions)
      .set({ phase: "roadshow" })
      .where(eq(competitions.id, competition.id));
    await expect(transitionProposal(t.db, sec.actor, sec, id, "withdraw")).rejects.toMatchObject({
      refusal: "phaseClosed",
    });
    await t.db
      .update(competitions)
      .set({ phase: "review" })
      .where(eq(competitions.id, competition.id));
    expect(await transitionProposal(t.db, sec.actor, sec, id, "withdraw")).toBe("withdrawn");
    const [need] = await t.db.select().from(needs).where(eq(needs.id, open[1]!.id));
    expect(need!.status).toBe("open");
  });

  it("serialises concurrent reviews: a double click accepts once", async () => {
    const { sec, admin, competition, funds, open } = s;
    const id = await createDraft(t.db, sec.actor, {
      competitionId: competition.id,
      communityId: sec.communityId!,
      title: "并发",
      brand: "",
    });
    await submitProposal(
      t.db,
      sec.actor,
      sec,
      id,
      content({ needIds: [open[0]!.id], fundIds: funds.map((f) => f.id) }),
    );
    const results = await Promise.allSettled([
      transitionProposal(t.db, admin.actor, admin, id, "accept"),
      transitionProposal(t.db, admin.actor, admin, id, "accept"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    const accepts = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, String(id)), eq(auditLog.action, "proposal.accept")));
    expect(accepts).toHaveLength(1);
  });

  it("seeds an accepted, consistent proposal for each of the 11 communities", async () => {
    const accepted = await listProposals(t.db, { status: "accepted" });
    expect(accepted).toHaveLength(11);
    expect(new Set(accepted.map((p) => p.communityId)).size).toBe(11);
    for (const p of accepted) {
      const d = (await getProposalDetail(t.db, p.id))!;
      const sum = summariseBudget({
        lines: d.content.budgetLines,
        requests: d.content.requests,
        cofunding: d.content.cofunding,
      });
      expect(sum.selfFundingFen).toBeGreaterThanOrEqual(0);
      for (const r of d.content.requests) {
        const fund = d.funds.find((f) => f.id === r.fundId)!;
        expect(r.amountFen).toBeLessThanOrEqual(fund.perProjectCapFen!);
      }
      expect(d.needs.length).toBeGreaterThan(0);
    }
  });
});
