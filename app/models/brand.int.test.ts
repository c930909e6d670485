import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { brandHonours, brands, communities, competitions, proposals, users } from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { seedDeliveryDemo } from "../../seeds/delivery-demo";
import { COMPETITION } from "../../seeds/demo-data";
import { playEvaluationDemo, seedEvaluationDemo } from "../../seeds/evaluation";
import { PREVIOUS_ROUND, seedRound } from "../../seeds/previous-round";
import { simulateFinishedShow } from "../../seeds/simulate";
import { listAuditEntries } from "./audit.server";
import {
  addHonour,
  brandHistory,
  BrandError,
  getBrand,
  listBrands,
  markGrowing,
  markMature,
  removeHonour,
  updateBrand,
} from "./brand.server";
import { listDeliveries } from "./delivery.server";
import { publishedScoresOf } from "./evaluation.server";
import { getPublishedResult } from "./results.server";
import { actorOf } from "./user.server";

const t = useTestDb({ seeded: true });

async function brandOf(communityName: string) {
  const [b] = await t.db
    .select({ id: brands.id })
    .from(brands)
    .innerJoin(communities, eq(communities.id, brands.communityId))
    .where(eq(communities.name, communityName));
  return b!.id;
}

async function competitionId(slug: string) {
  const [c] = await t.db
    .select({ id: competitions.id })
    .from(competitions)
    .where(eq(competitions.slug, slug));
  return c!.id;
}

async function admin() {
  const [u] = await t.db.select().from(users).where(eq(users.username, "admin"));
  return actorOf(u!);
}

describe("brands (一社一品)", () => {
  it("the demo seed gives every community its brand, with themes, and links the proposals", async () => {
    const list = await listBrands(t.db);
    expect(list).toHaveLength(11);
    expect(list.every((b) => b.governancePath.length > 0)).toBe(true);
    const baiyang = list.find((b) => b.communityName === "白羊山社区")!;
    expect(baiyang).toMatchObject({ name: "白羊山儿童友好型社区", theme: "child", honours: 1 });
    expect(list.find((b) => b.communityName === "兰园社区")!.theme).toBe("elder");
    const [honour] = await t.db
      .select()
      .from(brandHonours)
      .where(eq(brandHonours.brandId, baiyang.id));
    expect(honour!.title).toBe("高新区首届社会创新大赛杰出公益项目");
    // Every demo proposal is linked to its community's brand, with the brand's name shown.
    const unlinked = await t.db
      .select({ id: proposals.id })
      .from(proposals)
      .where(isNull(proposals.brandId));
    expect(unlinked).toEqual([]);
    const mismatched = await t.db
      .select({ id: proposals.id })
      .from(proposals)
      .innerJoin(brands, eq(brands.id, proposals.brandId))
      .where(
        sql`${brands.communityId} <> ${proposals.communityId} or ${brands.name} <> ${proposals.brand}`,
      );
    expect(mismatched).toEqual([]);
  });

  it("a brand's history: each published round with scores, money, delivery and 效果共评; an unpublished one only for the street", async () => {
    // Round one (a year before), published; round two (the demo), published with delivery and
    // its 效果共评; round three played but not published.
    const first = (await seedRound(t.db, PREVIOUS_ROUND))!;
    const second = await competitionId(COMPETITION.slug);
    await simulateFinishedShow(t.db, second, { seed: "brand-2", ballots: 40, stations: [] });
    await seedDeliveryDemo(t.db, second);
    const evalRound = (await seedEvaluationDemo(t.db))!;
    await playEvaluationDemo(t.db, evalRound, { ballots: 30 });
    const third = (await seedRound(t.db, {
      slug: "huashan-next",
      title: "下一轮",
      year: COMPETITION.year + 1,
      titleOf: (x) => `${x}(三期)`,
      publish: false,
    }))!;

    for (const community of ["白羊山社区", "兰园社区", "春和社区"]) {
      const brandId = await brandOf(community);
      const pub = await brandHistory(t.db, brandId, { public: true });
      expect(pub.map((r) => r.competitionId)).toEqual([first, second]);
      expect(pub.map((r) => r.year)).toEqual([COMPETITION.year - 1, COMPETITION.year]);
      for (const round of pub) {
        expect(round.published).toBe(true);
        const published = (await getPublishedResult(t.db, round.competitionId))!;
        const deliveries = await listDeliveries(t.db, { competitionId: round.competitionId });
        expect(round.projects).toHaveLength(1);
        for (const p of round.projects) {
          const row = published.output.rows.find((r) => r.id === p.proposalId)!;
          expect(row.communityName).toBe(community);
          expect(p.result).toMatchObject({
            rank: row.rank,
            judgeScore: row.judge.score,
            votes: row.votes.total,
            combined: row.combined.text,
            totalFen: row.amounts.street + row.amounts.foundation,
          });
          expect(p.result!.amounts).toEqual(
            published.output.funds.map((f) => ({ kind: f.kind, fen: row.amounts[f.kind] })),
          );
          const d = deliveries.find((x) => x.proposalId === p.proposalId);
          expect(p.delivery?.grantedFen ?? null).toBe(d?.grantedFen ?? null);
          expect(p.delivery?.paidFen ?? null).toBe(d?.paidFen ?? null);
          expect(p.delivery?.spentFen ?? null).toBe(d?.spentFen ?? null);
          expect(p.delivery?.status ?? null).toBe(d?.status ?? null);
          const scores = await publishedScoresOf(t.db, p.proposalId);
          const rating = scores.find((s) => s.rule === "rating");
          expect(p.evaluation?.mean ?? null).toBe(rating?.row.mean ?? null);
        }
        expect(round.totals.reduce((s, x) => s + x.fen, 0)).toBe(
          round.projects.reduce((s, p) => s + p.result!.totalFen, 0),
        );
      }
      // Only round two was rated: some of its brands have a mean, round one none.
      expect(pub[0]!.projects.every((p) => p.evaluation === null)).toBe(true);

      // The street sees the unpublished third round too, without figures.
      const staff = await brandHistory(t.db, brandId, { public: false });
      expect(staff.map((r) => r.competitionId)).toEqual([first, second, third]);
      expect(staff[2]!.published).toBe(false);
      expect(staff[2]!.projects.every((p) => p.result === null && p.delivery === null)).toBe(true);
    }
    // Some project of round two has a 效果共评 mean in its brand's history.
    const means = await Promise.all(
      (await listBrands(t.db)).map(async (b) =>
        (await brandHistory(t.db, b.id, { public: true })).flatMap((r) =>
          r.projects.map((p) => p.evaluation?.mean),
        ),
      ),
    );
    expect(means.flat().some((m) => m && m !== "—")).toBe(true);

    // A project withdrawn from a published round is not shown publicly.
    const brandId = await brandOf("白羊山社区");
    await t.db
      .update(proposals)
      .set({ status: "withdrawn" })
      .where(and(eq(proposals.brandId, brandId), eq(proposals.competitionId, third)));
    expect(
      (await brandHistory(t.db, brandId, { public: false })).map((r) => r.competitionId),
    ).toEqual([first, second, third]);
    expect(
      (await brandHistory(t.db, brandId, { public: true })).map((r) => r.competitionId),
    ).toEqual([first, second]);
  }, 240_000);

  it("the street's edits: profile, 成熟 and back, honours; each audited", async () => {
    const actor = await admin();
    const id = await brandOf("兰园社区");
    await updateBrand(t.db, actor, id, {
      theme: "elder",
      tagline: "兰馨颐养",
      governancePath: "低龄助高龄",
      story: "从一张适老化清单开始。",
    });
    await markMature(t.db, actor, id, { maturedOn: "2026-06-30", promotedTo: "全街道 11 个社区" });
    const honourId = await addHonour(t.db, actor, id, {
      title: "武汉市老年友好型社区",
      awardedBy: "武汉市卫健委",
      year: 2026,
    });
    let b = (await getBrand(t.db, id))!;
    expect(b).toMatchObject({
      status: "mature",
      maturedOn: "2026-06-30",
      promotedTo: "全街道 11 个社区",
      governancePath: "低龄助高龄",
    });
    expect(b.honours.map((h) => h.id)).toEqual([honourId]);
    await removeHonour(t.db, actor, id, honourId);
    await expect(removeHonour(t.db, actor, id, honourId)).rejects.toBeInstanceOf(BrandError);
    await markGrowing(t.db, actor, id);
    b = (await getBrand(t.db, id))!;
    expect(b).toMatchObject({ status: "growing", maturedOn: null, promotedTo: "", honours: [] });
    await expect(markGrowing(t.db, actor, id)).rejects.toBeInstanceOf(BrandError);
    await expect(
      updateBrand(t.db, actor, 999_999, {
        theme: "other",
        tagline: "",
        governancePath: "",
        story: "",
      }),
    ).rejects.toBeInstanceOf(BrandError);
    const actions = (
      await listAuditEntries(t.db, { subjectType: "brand", subjectId: String(id) })
    ).map((e) => e.action);
    expect(new Set(actions)).toEqual(
      new Set([
        "brand.update",
        "brand.mature",
        "brand.honourAdd",
        "brand.honourRemove",
        "brand.growing",
      ]),
    );
    // A brand's other rows stay as they were.
    const others = await t.db.select().from(brands).where(ne(brands.id, id));
    expect(others.every((o) => o.status === "growing")).toBe(true);
  });
});
