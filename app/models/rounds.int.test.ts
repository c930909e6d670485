import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { competitions, users } from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { seedDeliveryDemo } from "../../seeds/delivery-demo";
import { seedDemo } from "../../seeds/seed";
import { simulateFinishedShow } from "../../seeds/simulate";
import { ballotsOf, communitiesAcrossRounds } from "../domain/rounds";
import { listDashboardCompetitions, loadDashboard } from "./dashboard.server";
import { createNextRound } from "./next-round.server";
import { loadRounds } from "./rounds.server";
import { actorOf } from "./user.server";

const t = useTestDb();

describe("loadRounds", () => {
  it("each round's figures from the 效果清单 and the tally; published only for the public", async () => {
    await seedDemo(t.db);
    const [c] = await t.db.select().from(competitions).where(eq(competitions.slug, "huashan-2026"));
    await simulateFinishedShow(t.db, c!.id, {
      seed: "rounds",
      ballots: 15,
      stations: [{ community: "兰园社区", ballots: 10 }],
    });
    await seedDeliveryDemo(t.db, c!.id);
    const [admin] = await t.db.select().from(users).where(eq(users.username, "admin"));
    const next = await createNextRound(t.db, actorOf(admin!), c!.id, {
      title: "第二轮",
      slug: "huashan-2027",
      year: 2027,
      totals: { street: 500_000_00, foundation: 100_000_00 },
    });
    expect(next.ok).toBe(true);

    const all = await loadRounds(t.db, { publishedOnly: false });
    expect(all.map((r) => r.slug)).toEqual(["huashan-2026", "huashan-2027"]);
    const [one, two] = all;
    const dash = await loadDashboard(
      t.db,
      (await listDashboardCompetitions(t.db)).find((x) => x.id === c!.id)!,
    );
    expect(one!.grantedFen).toBe(dash.dashboard.street.money.grantedFen);
    expect(one!.grantedFen).toBeGreaterThan(0);
    expect(one!.paidFen).toBeGreaterThan(0);
    expect(one!.projects).toBe(dash.projects.length);
    expect(one!.funds.map((f) => f.kind).sort()).toEqual(["foundation", "street"]);
    expect(one!.ballotsOnline).toBe(15);
    expect(one!.ballotsPaper).toBeGreaterThan(0);
    expect(ballotsOf(one!)).toBe(one!.ballotsOnline + one!.ballotsPaper);
    expect(two).toMatchObject({ grantedFen: 0, ballotsOnline: 0, ballotsPaper: 0, projects: 0 });
    const rows = communitiesAcrossRounds(all);
    expect(rows.some((r) => r.cells[0]?.grantedFen)).toBe(true);
    expect(rows.every((r) => r.cells[1] === null)).toBe(true);

    const published = await loadRounds(t.db, { publishedOnly: true, chainOf: c!.id });
    expect(published.map((r) => r.slug)).toEqual(["huashan-2026"]);
    const chain = await loadRounds(t.db, { publishedOnly: false, chainOf: next.ok ? next.id : 0 });
    expect(chain.map((r) => r.slug)).toEqual(["huashan-2026", "huashan-2027"]);
  });
});
