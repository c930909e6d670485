/**
 * An allocation rule that cannot reach its outcome is refused in the results tab with a Chinese
 * message, keeping what was typed: never a 500, never a result it did not reach. Equal shares'
 * add1 is given one run (ALLOCATION_MAX_RUNS=1) where it needs more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultRuns } from "../../db/schema";
import { Browser, finishDemoShow, runForm, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;

beforeAll(async () => {
  server = await startTestServer({ env: { ALLOCATION_MAX_RUNS: "1" } });
  ({ competitionId } = await finishDemoShow(server.services.db, {
    seed: "results-refusal",
    ballots: 60,
    stations: [],
  }));
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const ruleForm = (rule: string) =>
  runForm({ rule, lotSeed: "refusal-seed-20261125", completion: "greedy" });

describe("a rule that cannot reach its outcome", () => {
  it("is refused with a clear Chinese message, keeps the form, and stores nothing", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const path = `/admin/competitions/${competitionId}/results`;
    const refused = await admin.post(path, ruleForm("equal-shares"));
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("均等份额法逐元提高每人份额(add1)已计算 1 轮");
    expect(html).toContain("没有采用未算完的结果");
    expect(html).toContain("refusal-seed-20261125");
    expect(await server.services.db.select().from(resultRuns)).toHaveLength(0);

    // The other rules are not limited by it.
    expect((await admin.post(path, ruleForm("greedy"))).status).toBe(302);
    expect(await server.services.db.select().from(resultRuns)).toHaveLength(1);
  });
});
