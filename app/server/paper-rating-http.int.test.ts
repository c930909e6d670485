/**
 * Paper stations of a 效果共评 round in rating mode over HTTP against the real server
 * (PostgreSQL), as a browser without JavaScript sends the forms: the street adds a station, two
 * clerks count per project how many ballots gave each level 1–5; bad input is answered 400 in
 * words beside its line with what was typed kept, nothing saved; matching counts confirm the
 * station, a mismatch is resolved by the street; who may do what; the tally and the printed
 * rating sheet.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paperCounts, pollingStations, stationResults } from "../../db/schema";
import { createEvaluationRound, fundedProjects } from "../models/evaluation.server";
import {
  Browser,
  finishDemoShow,
  publishDraft,
  runDraft,
  startTestServer,
} from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let roundId: number;
let items: number[];
let admin: Browser;
let communityId: number;

const db = () => server.services.db;

async function as(username: string) {
  const b = new Browser(server.url);
  await b.login(username);
  return b;
}

/** A 400 whose page says `messages` (the page with the form, not an error boundary). */
async function refused(res: Response, ...messages: string[]) {
  expect(res.status).toBe(400);
  const html = await res.text();
  for (const m of messages) expect(html).toContain(m);
  expect(html).not.toContain("请求无效");
  return html;
}

async function addStation(name: string) {
  const res = await admin.post(`/admin/competitions/${roundId}/voting`, {
    intent: "station",
    communityId: String(communityId),
    name,
  });
  expect(res.status).toBe(302);
  const [station] = await db().select().from(pollingStations).where(eq(pollingStations.name, name));
  return station!.id;
}

/** A clerk's form: the ballots, and `rating-<id>-<level>` lines (the others left empty). */
const countForm = (
  ballotsCast: string,
  invalid: string,
  lines: Record<string, string> = {},
  intent = "count",
) => ({ intent, ballotsCast, invalid, ...lines });
const line = (id: number, level: number) => `rating-${id}-${level}`;

beforeAll(async () => {
  server = await startTestServer();
  const show = await finishDemoShow(db(), { seed: "paper-rating-http", ballots: 10, stations: [] });
  admin = await as("admin");
  await publishDraft(admin, show.competitionId, await runDraft(admin, show.competitionId));
  items = (await fundedProjects(db(), show.competitionId))!.slice(0, 3).map((f) => f.id);
  const [adminRow] = await db().query.users.findMany({
    where: (u, { eq: is }) => is(u.username, "admin"),
  });
  roundId = await createEvaluationRound(
    db(),
    { userId: adminRow!.id, label: "test" },
    {
      evaluatesId: show.competitionId,
      title: "花山 2026 · 效果共评",
      slug: "paper-rating-http",
      rule: "rating",
      approvalMaxChoices: 3,
      verificationMode: "token",
      votingOpensAt: null,
      votingClosesAt: new Date(Date.now() + 86400_000),
      items,
    },
  );
  const [community] = await db().query.communities.findMany({ limit: 1 });
  communityId = community!.id;
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe("paper stations of a rating round over HTTP", () => {
  it("the street adds a station; the printed sheet is a rating sheet", async () => {
    const voting = await (await admin.fetch(`/admin/competitions/${roundId}/voting`)).text();
    expect(voting).not.toContain("暂不支持线下纸质投票点");
    expect(voting).toContain('name="intent" value="station"');
    await addStation("春和评分站");
    const sheet = await (await admin.fetch(`/admin/competitions/${roundId}/paper-ballot`)).text();
    expect(sheet).toContain("效果共评纸质评分表");
    expect(sheet).toContain("同一项目选了多个分数的");
  });

  it("a clerk's bad lines are refused beside them in words, what was typed kept, nothing saved", async () => {
    const stationId = await addStation("兰园评分站");
    const route = `/clerk/${roundId}/${stationId}`;
    const clerk = await as("clerk1");
    const page = await (await clerk.fetch(route)).text();
    expect(page).toContain(`name="${line(items[0]!, 5)}"`);
    expect(page).toContain("按每个项目分别统计");
    expect(page).not.toContain(`name="votes-${items[0]}"`);

    // Not a number, far too many digits, negative: each beside its own line, kept as typed.
    const html = await refused(
      await clerk.post(
        route,
        countForm("十", "0", {
          [line(items[0]!, 5)]: "123456789012345",
          [line(items[1]!, 2)]: "-3",
          [line(items[2]!, 4)]: "２",
        }),
      ),
      "请输入非负整数",
      "数字过大,请核对(最多 7 位数)",
    );
    expect(html).toMatch(/name="ballotsCast"[^>]*value="十"/);
    expect(html).toMatch(new RegExp(`name="${line(items[0]!, 5)}"[^>]*value="123456789012345"`));
    expect(html).toMatch(new RegExp(`name="${line(items[1]!, 2)}"[^>]*value="-3"`));
    expect(html).toMatch(new RegExp(`name="${line(items[2]!, 4)}"[^>]*value="２"`));

    // Plausibility, checked by the model: a project's levels over the valid ballots, fewer
    // ratings than valid ballots, invalid over received.
    const over = await refused(
      await clerk.post(
        route,
        countForm("10", "2", { [line(items[0]!, 5)]: "5", [line(items[0]!, 4)]: "4" }),
      ),
      "不能多于有效选票数",
    );
    expect(over).toMatch(new RegExp(`name="${line(items[0]!, 4)}"[^>]*value="4"`));
    await refused(
      await clerk.post(route, countForm("10", "0", { [line(items[0]!, 5)]: "6" })),
      "各项目评分合计少于有效选票数",
    );
    await refused(
      await clerk.post(route, countForm("3", "4", { [line(items[0]!, 5)]: "1" })),
      "无效票不能多于选票总数",
    );
    await refused(await clerk.post(route, countForm("3", "0", {}, "explode")), "无法识别的操作");
    expect(
      await db().select().from(paperCounts).where(eq(paperCounts.stationId, stationId)),
    ).toEqual([]);
  });

  it("two clerks' matching counts confirm the station and reach the tally; a mismatch is shown and resolved by the street", async () => {
    const agreeId = await addStation("杏园评分站");
    const [a, b] = items as [number, number];
    const good = countForm("5", "1", {
      [line(a, 5)]: "3",
      [line(a, 4)]: "１", // full-width, as a Chinese IME types it
      [line(b, 1)]: "1",
    });
    for (const username of ["clerk1", "clerk2"]) {
      const res = await (await as(username)).post(`/clerk/${roundId}/${agreeId}`, good);
      expect(res.status).toBe(302);
    }
    const clerk1 = await as("clerk1");
    const page = await (await clerk1.fetch(`/clerk/${roundId}/${agreeId}`)).text();
    expect(page).toContain("两次录入一致,已确认");
    await refused(await clerk1.post(`/clerk/${roundId}/${agreeId}`, good), "该投票点已确认");
    const tally = (await (
      await fetch(`${server.url}/api/competitions/${roundId}/tally`)
    ).json()) as {
      rule: string;
      ballots: { offline: number };
      projects: Array<{ id: number; votes: { offline: number }; ratings: number[]; mean: string }>;
    };
    expect(tally.rule).toBe("rating");
    expect(tally.ballots.offline).toBe(4);
    expect(tally.projects.find((p) => p.id === a)).toMatchObject({
      votes: { offline: 4 },
      ratings: [0, 0, 0, 1, 3],
      mean: "4.75",
    });

    // A second station: the clerks differ on one level of project a.
    const mismatchId = await addStation("白羊山评分站");
    const route = `/clerk/${roundId}/${mismatchId}`;
    expect(
      (await (await as("clerk1")).post(route, countForm("2", "0", { [line(a, 5)]: "2" }))).status,
    ).toBe(302);
    expect(
      (
        await (
          await as("clerk2")
        ).post(route, countForm("2", "0", { [line(a, 5)]: "1", [line(a, 3)]: "1" }))
      ).status,
    ).toBe(302);
    const station = `/admin/competitions/${roundId}/stations/${mismatchId}`;
    const observer = await as("observer");
    const seen = await (await observer.fetch(station)).text();
    expect(seen).toContain("两次录入不一致,待街道裁定");
    expect(seen).toMatch(/\d+ 号 · [^<]+ · 5 分/);
    expect(seen).not.toContain("街道裁定(第三次录入)"); // observers read, the street resolves
    const adminPage = await (await admin.fetch(station)).text();
    expect(adminPage).toContain("街道裁定(第三次录入)");
    // The lines both agree on come filled in; the differing ones offer both entries.
    expect(adminPage).toMatch(/name="ballotsCast"[^>]*value="2"/);
    expect(adminPage).toContain("第 1 份:2");
    expect(adminPage).toContain("第 2 份:1");

    // Resolving: a reason is required, the count must be plausible, then it counts.
    await refused(
      await admin.post(station, countForm("2", "0", { [line(a, 5)]: "2" }, "resolve")),
      "请填写裁定原因",
    );
    await refused(
      await admin.post(station, {
        ...countForm("2", "0", { [line(a, 5)]: "3" }, "resolve"),
        reason: "复核",
      }),
      "不能多于有效选票数",
    );
    expect(
      (await observer.post(station, { ...countForm("2", "0", {}, "resolve"), reason: "x" })).status,
    ).toBe(403);
    const ok = await admin.post(station, {
      ...countForm("2", "0", { [line(a, 5)]: "1", [line(a, 3)]: "1" }, "resolve"),
      reason: "复核原始选票,第二位计票员正确",
    });
    expect(ok.status).toBe(302);
    const [result] = await db()
      .select()
      .from(stationResults)
      .where(eq(stationResults.stationId, mismatchId));
    expect(result).toMatchObject({ ballotsCast: 2, source: "resolution" });
    const resolvedPage = await (await admin.fetch(station)).text();
    expect(resolvedPage).toContain('data-testid="rating-sheet"');
  });

  it("only clerks count; only the street adds stations and resolves", async () => {
    const [station] = await db()
      .select()
      .from(pollingStations)
      .where(eq(pollingStations.competitionId, roundId))
      .limit(1);
    const route = `/clerk/${roundId}/${station!.id}`;
    const count = countForm("1", "0", { [line(items[0]!, 5)]: "1" });
    const visitor = new Browser(server.url);
    expect((await visitor.fetch(route)).status).toBe(302);
    expect((await visitor.post(route, count)).status).toBe(302);
    for (const username of ["admin", "judge1", "sec-chunhe", "observer"]) {
      const b = await as(username);
      expect((await b.fetch(route)).status, username).toBe(403);
      expect((await b.post(route, count)).status, username).toBe(403);
    }
    for (const username of ["clerk1", "observer", "sec-chunhe"]) {
      const b = await as(username);
      const res = await b.post(`/admin/competitions/${roundId}/voting`, {
        intent: "station",
        communityId: String(communityId),
        name: "不该有的站",
      });
      expect(res.status, username).toBe(403);
    }
    expect(
      await db().select().from(pollingStations).where(eq(pollingStations.name, "不该有的站")),
    ).toEqual([]);
  });

  it("the vote rule cannot change once counts are recorded: refused beside the field, what was typed kept", async () => {
    const settings = (voteRule: string) => ({
      intent: "settings",
      title: "花山 2026 · 效果共评(改名)",
      year: "2026",
      round: "1",
      description: "",
      proposalDeadline: "",
      roadshowAt: "",
      votingOpensAt: "",
      votingClosesAt: "2099-03-12T18:00",
      noticeStartsAt: "",
      noticeEndsAt: "",
      judgeWeightPct: "0",
      voteRule,
      approvalMaxChoices: "3",
      voterBudget: "",
      verificationMode: "token",
      judgeAggregation: "trimmed_mean",
      pitchMinutes: "5",
      qaMinutes: "3",
    });
    const path = `/admin/competitions/${roundId}?index`;
    const html = await refused(
      await admin.post(path, settings("approval")),
      "已有居民选票或纸质计数,不能再更改投票规则",
    );
    expect(html).toContain('value="花山 2026 · 效果共评(改名)"');
    const [round] = await db().query.competitions.findMany({
      where: (c, { eq: is }) => is(c.id, roundId),
    });
    expect(round).toMatchObject({ voteRule: "rating", title: "花山 2026 · 效果共评" });
    expect((await admin.post(path, settings("rating"))).status).toBe(302);
  });
});
