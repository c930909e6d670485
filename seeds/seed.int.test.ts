import { eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { verifyAuditLog } from "../app/models/audit.server";
import { getDelivery, listDeliveries } from "../app/models/delivery.server";
import { getPublishedEvaluation, publishedRun } from "../app/models/results.server";
import {
  communities,
  competitions,
  criteria,
  funds,
  judgeRecusals,
  needs,
  partnerUnits,
  proposalNeeds,
  resourceClaims,
  resourceOffers,
  users,
} from "../db/schema";
import { useTestDb } from "../db/testing/test-db";
import { seedDeliveryDemo } from "./delivery-demo";
import { COMMUNITIES, COMPETITION } from "./demo-data";
import { playEvaluationDemo, seedEvaluationDemo } from "./evaluation";
import { isDatabaseEmpty, seedDemo } from "./seed";
import { simulateFinishedShow } from "./simulate";

const t = useTestDb();

async function count(table: PgTable) {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

describe("demo seed", () => {
  it("creates the 花山街道 story and is idempotent", async () => {
    expect(await isDatabaseEmpty(t.db)).toBe(true);
    const first = await seedDemo(t.db);
    // Staff, judges, secretaries and the merchant's partner login.
    expect(first.created).toBe(4 + 7 + 11 + 1);
    const snapshot = {
      communities: await count(communities),
      users: await count(users),
      needs: await count(needs),
      criteria: await count(criteria),
      funds: await count(funds),
      competitions: await count(competitions),
      recusals: await count(judgeRecusals),
      partnerUnits: await count(partnerUnits),
      offers: await count(resourceOffers),
      claims: await count(resourceClaims),
    };
    expect(snapshot).toMatchObject({
      communities: 11,
      users: 23,
      criteria: 6,
      partnerUnits: 4,
      offers: 5,
      claims: 1,
      funds: 2,
      competitions: 1,
    });
    expect(snapshot.needs).toBe(COMMUNITIES.reduce((n, c) => n + c.needs.length, 0));

    const second = await seedDemo(t.db);
    expect(second.created).toBe(0);
    expect({
      communities: await count(communities),
      users: await count(users),
      needs: await count(needs),
      criteria: await count(criteria),
      funds: await count(funds),
      competitions: await count(competitions),
      recusals: await count(judgeRecusals),
      partnerUnits: await count(partnerUnits),
      offers: await count(resourceOffers),
      claims: await count(resourceClaims),
    }).toEqual(snapshot);
    expect((await verifyAuditLog(t.db)).ok).toBe(true);
  });

  it("has six criteria summing to 100, money in integer 分, one secretary per community", async () => {
    await seedDemo(t.db);
    const rows = await t.db.select().from(criteria);
    expect(rows.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
    expect(COMPETITION.criteria).toHaveLength(6);
    for (const f of await t.db.select().from(funds))
      expect(Number.isSafeInteger(f.totalFen)).toBe(true);
    const secretaries = await t.db.query.users.findMany({
      where: (u, { eq }) => eq(u.role, "secretary"),
    });
    expect(new Set(secretaries.map((s) => s.communityId)).size).toBe(11);
    for (const role of ["street_admin", "judge", "clerk", "observer"] as const) {
      expect(
        (await t.db.query.users.findMany({ where: (u, { eq }) => eq(u.role, role) })).length,
      ).toBeGreaterThan(0);
    }
  });

  it("db:seed --delivery: publishes the finished show's result and starts its 任务清单", async () => {
    await seedDemo(t.db);
    const [c] = await t.db.select().from(competitions);
    await simulateFinishedShow(t.db, c!.id, { seed: "seed-delivery", ballots: 30, stations: [] });
    const { runId, deliveries } = await seedDeliveryDemo(t.db, c!.id);
    expect((await publishedRun(t.db, c!.id))?.id).toBe(runId);
    expect(deliveries).toBeGreaterThanOrEqual(3);
    const rows = await listDeliveries(t.db, { competitionId: c!.id });
    const details = await Promise.all(rows.map((r) => getDelivery(t.db, r.id)));
    const paid = details.filter((d) => d!.grants.some((g) => g.paidFen > 0));
    expect(paid).toHaveLength(3);
    // Every first tranche is within its grant; two projects have progress and spending.
    for (const d of paid)
      for (const g of d!.grants) expect(g.paidFen).toBeLessThanOrEqual(g.grantedFen);
    expect(details.filter((d) => d!.updates.length > 0)).toHaveLength(2);
    expect(details.filter((d) => d!.status === "in_progress")).toHaveLength(2);
    expect((await verifyAuditLog(t.db)).ok).toBe(true);

    // db:seed --evaluated: a project finished, the residents' verdict published.
    const roundId = (await seedEvaluationDemo(t.db))!;
    expect(roundId).toBeGreaterThan(0);
    const verdict = (await playEvaluationDemo(t.db, roundId, { ballots: 20 }))!;
    expect(verdict.ballots).toBe(20);
    const finished = (await listDeliveries(t.db, { competitionId: c!.id })).filter(
      (d) => d.status === "done",
    );
    expect(finished.map((d) => d.proposalId)).toEqual([verdict.done]);
    const answered = await t.db
      .select({ status: needs.status })
      .from(proposalNeeds)
      .innerJoin(needs, eq(needs.id, proposalNeeds.needId))
      .where(eq(proposalNeeds.proposalId, verdict.done!));
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((n) => n.status === "resolved")).toBe(true);
    const published = (await getPublishedEvaluation(t.db, roundId))!;
    expect(published.output.rows).toHaveLength(deliveries);
    const rated = published.output.rows.reduce((n, r) => n + r.count, 0);
    expect(rated).toBeGreaterThanOrEqual(20);
    expect(published.output.rows.every((r) => r.count === 0 || r.mean !== "—")).toBe(true);
    // One paper station, confirmed by the two clerks' matching counts, counted with online.
    expect(published.output.rows.some((r) => (r.paper?.count ?? 0) > 0)).toBe(true);
    expect(await playEvaluationDemo(t.db, roundId)).toBeNull();
    expect((await verifyAuditLog(t.db)).ok).toBe(true);
  }, 120_000);
});
