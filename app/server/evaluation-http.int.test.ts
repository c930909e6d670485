/**
 * 效果共评 over HTTP against the real server (PostgreSQL): who may open which page, bad input
 * answered 400 in words with what was typed, a resident rating on the ballot page without
 * JavaScript, the street moderating and publishing, and the public pages and open data.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/rows";
import { competitions, evaluationComments } from "../../db/schema";
import { issueBatch } from "../models/ballot.server";
import { fundedProjects } from "../models/evaluation.server";
import {
  Browser,
  finishDemoShow,
  publishDraft,
  runDraft,
  startTestServer,
} from "../testing/server";
import { toLocalInput } from "../utils/datetime";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let contestId: number;
let slug: string;
let funded: number[];
let allFunded: number[];
let roundId: number;
let admin: Browser;

const HOUR = 3600_000;
const newRound = (extra: Record<string, string | string[]> = {}) => {
  const form = new URLSearchParams({
    intent: "create",
    title: "花山 2026 · 效果共评",
    slug: "huashan-2026-eval",
    rule: "rating",
    approvalMaxChoices: "3",
    verificationMode: "token",
    votingOpensAt: toLocalInput(new Date(Date.now() - HOUR)),
    votingClosesAt: toLocalInput(new Date(Date.now() + 24 * HOUR)),
  });
  for (const [k, v] of Object.entries(extra)) {
    form.delete(k);
    for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  }
  if (!("items" in extra)) for (const id of funded) form.append("items", String(id));
  return form;
};

beforeAll(async () => {
  server = await startTestServer();
  const show = await finishDemoShow(server.services.db, {
    seed: "evaluation-http",
    ballots: 20,
    stations: [],
  });
  ({ competitionId: contestId, slug } = show);
  admin = new Browser(server.url);
  await admin.login("admin");
  await publishDraft(admin, contestId, await runDraft(admin, contestId));
  allFunded = (await fundedProjects(server.services.db, contestId))!.map((f) => f.id);
  funded = allFunded.slice(0, 3);
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe("效果共评 over HTTP", () => {
  it("the street opens a round; bad input is refused in words with what was typed", async () => {
    const path = `/admin/competitions/${contestId}/evaluations/new`;
    const page = await (await admin.fetch(path)).text();
    expect(page).toContain("发起效果共评");
    // The results tab links to it.
    expect(await (await admin.fetch(`/admin/competitions/${contestId}/results`)).text()).toContain(
      `/admin/competitions/${contestId}/evaluations/new`,
    );

    const noClose = await admin.post(path, newRound({ votingClosesAt: "", title: "我的共评" }));
    expect(noClose.status).toBe(400);
    const noCloseHtml = await noClose.text();
    expect(noCloseHtml).toContain("请填写结束时间");
    expect(noCloseHtml).toContain('value="我的共评"');

    const noItems = await admin.post(path, newRound({ items: [] }));
    expect(noItems.status).toBe(400);
    expect(await noItems.text()).toContain("请至少选择 1 个参评项目");

    const [unfunded] = rowsOf<{ id: number }>(
      await server.services.db.execute(
        sql`select id from proposals where competition_id = ${contestId} and status = 'accepted'
          and id not in (${sql.join(
            allFunded.map((f) => sql`${f}`),
            sql`, `,
          )}) limit 1`,
      ),
    );
    const notFunded = await admin.post(
      path,
      newRound({ items: [String(funded[0]), String(unfunded!.id)] }),
    );
    expect(notFunded.status).toBe(400);
    expect(await notFunded.text()).toContain("只能选择本届结果公示中获得资助的项目");

    const budget = await admin.post(path, newRound({ rule: "budget" }));
    expect(budget.status).toBe(400);
    expect(await budget.text()).toContain("效果共评只能选择满意度打分或选出最满意的项目");

    const unknown = await admin.post(path, newRound({ intent: "destroy" }));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("无法识别的操作");

    const created = await admin.post(path, newRound());
    expect(created.status).toBe(302);
    roundId = Number(/competitions\/(\d+)\/voting/.exec(created.headers.get("Location")!)![1]);
    const taken = await admin.post(path, newRound());
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("该网址标识已被使用");

    // The round's tabs: no judges, criteria, funds, review or live show.
    const voting = await (await admin.fetch(`/admin/competitions/${roundId}/voting`)).text();
    expect(voting).toContain("共评结果");
    expect(voting).toContain("评论审核");
    expect(voting).not.toContain(`href="/admin/competitions/${roundId}/criteria"`);
    expect(voting).not.toContain(`href="/admin/competitions/${roundId}/live"`);
    // Paper stations count ratings per level (paper-rating-http.int.test.ts).
    expect(voting).toContain('name="intent" value="station"');
    // The results tab of a round is its own.
    const results = await admin.fetch(`/admin/competitions/${roundId}/results`);
    expect(results.status).toBe(302);
    expect(results.headers.get("Location")).toBe(`/admin/competitions/${roundId}/evaluation`);
  });

  it("only the street opens rounds, moderates and publishes; observers read", async () => {
    const pages = [
      `/admin/competitions/${contestId}/evaluations/new`,
      `/admin/competitions/${roundId}/evaluation`,
      `/admin/competitions/${roundId}/comments`,
    ];
    const visitor = new Browser(server.url);
    for (const p of pages) expect((await visitor.fetch(p)).status, p).toBe(302);
    for (const username of ["sec-chunhe", "judge1", "clerk1", "partner-shop"]) {
      const b = new Browser(server.url);
      await b.login(username);
      for (const p of pages) expect((await b.fetch(p)).status, `${username} ${p}`).toBe(403);
      expect((await b.post(pages[2]!, { intent: "approve", comment: "1" })).status).toBe(403);
    }
    const observer = new Browser(server.url);
    await observer.login("observer");
    expect((await observer.fetch(pages[0]!)).status).toBe(403);
    expect((await observer.fetch(pages[1]!)).status).toBe(200);
    expect((await observer.fetch(pages[2]!)).status).toBe(200);
    expect((await observer.post(pages[1]!, { intent: "compute" })).status).toBe(403);
    expect((await observer.post(pages[2]!, { intent: "approve", comment: "1" })).status).toBe(403);
    // A round's own pages do not exist for a competition, nor 发起 for a round.
    expect((await admin.fetch(`/admin/competitions/${contestId}/evaluation`)).status).toBe(404);
    expect((await admin.fetch(`/admin/competitions/${contestId}/comments`)).status).toBe(404);
    expect((await admin.fetch(`/admin/competitions/${roundId}/evaluations/new`)).status).toBe(404);
  });

  it("a resident rates on the ballot page without JavaScript, gets a receipt; the street moderates and publishes", async () => {
    const db = server.services.db;
    const { tokens } = await issueBatch(
      db,
      { userId: null, label: "test" },
      {
        competitionId: roundId,
        name: "共评卡",
        communityId: null,
        count: 3,
      },
    );
    const resident = new Browser(server.url);
    const token = tokens[0]!.token;
    const ballot = await (await resident.fetch(`/v/${token}`)).text();
    expect(ballot).toContain(`name="rating.${funded[0]}"`);
    expect(ballot).toContain(`/p/${slug}/${funded[0]}`);

    // A rating out of range: refused in words, the ratings and comment kept.
    const bad = await resident.post(`/v/${token}`, {
      intent: "review",
      [`rating.${funded[0]}`]: "9",
      [`rating.${funded[1]}`]: "4",
      [`comment.${funded[1]}`]: "健身角很好用",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("满意度只能是 1–5 分");
    expect(badHtml).toContain("健身角很好用");
    const tooLong = await resident.post(`/v/${token}`, {
      intent: "review",
      [`rating.${funded[0]}`]: "5",
      [`comment.${funded[0]}`]: "长".repeat(501),
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("留言最多 500 字");

    const review = await resident.post(`/v/${token}`, {
      intent: "review",
      [`rating.${funded[0]}`]: "5",
      [`rating.${funded[1]}`]: "",
      [`comment.${funded[0]}`]: "路灯亮了",
    });
    expect(review.status).toBe(200);
    const confirm = await review.text();
    expect(confirm).toContain("您的评分:5 分");
    expect(confirm).toContain("未评分");
    const cast = await resident.post(`/v/${token}`, {
      intent: "confirm",
      [`rating.${funded[0]}`]: "5",
      [`comment.${funded[0]}`]: "路灯亮了",
    });
    expect(cast.status).toBe(302);
    expect(cast.headers.get("Location")).toBe(`/v/${token}?cast=1`);
    const receipt = /data-testid="receipt">([^<]+)</.exec(
      await (await resident.fetch(`/v/${token}?cast=1`)).text(),
    )![1]!;
    // The kiosk API, in rating mode.
    const api = await resident.post(`/api/ballots/${tokens[1]!.token}`, {
      [`rating.${funded[0]}`]: "3",
      [`rating.${funded[2]}`]: "4",
      [`comment.${funded[2]}`]: "不够亮",
    });
    expect(await api.json()).toMatchObject({ ok: true, status: "cast" });

    // The live tally (JSON) has the ratings.
    const tally = (await (await resident.fetch(`/api/competitions/${roundId}/tally`)).json()) as {
      rule: string;
      projects: Array<{ id: number; mean?: string; ratings?: number[] }>;
    };
    expect(tally.rule).toBe("rating");
    expect(tally.projects.find((p) => p.id === funded[0])).toMatchObject({
      mean: "4.00",
      ratings: [0, 0, 1, 0, 1],
    });

    // Close voting, flush (as the server does after closing), moderate, compute, publish.
    await db
      .update(competitions)
      .set({ votingClosesAt: new Date(Date.now() - 1000) })
      .where(eq(competitions.id, roundId));
    const { flushBallots } = await import("../models/ballot-box.server");
    await flushBallots(db, { competitionId: roundId });
    const comments = await db
      .select()
      .from(evaluationComments)
      .where(eq(evaluationComments.competitionId, roundId));
    expect(comments.map((c) => c.body).sort()).toEqual(["不够亮", "路灯亮了"]);
    const nothing = await admin.post(`/admin/competitions/${roundId}/comments`, {
      intent: "approve",
    });
    expect(nothing.status).toBe(400);
    expect(await nothing.text()).toContain("请选择要处理的评论");
    const good = comments.find((c) => c.body === "路灯亮了")!;
    const approved = await admin.post(`/admin/competitions/${roundId}/comments`, {
      intent: "approve",
      comment: String(good.id),
    });
    expect(approved.status).toBe(302);

    const tab = `/admin/competitions/${roundId}/evaluation`;
    expect((await admin.post(tab, { intent: "compute" })).status).toBe(302);
    const draftHtml = await (await admin.fetch(tab)).text();
    const runId = /name="runId" value="(\d+)"/.exec(draftHtml)![1]!;
    const badNotice = await admin.post(tab, {
      intent: "publish",
      runId,
      noticeStartsAt: toLocalInput(new Date(Date.now() + 2 * HOUR)),
      noticeEndsAt: toLocalInput(new Date(Date.now() + HOUR)),
    });
    expect(badNotice.status).toBe(400);
    const published = await admin.post(tab, {
      intent: "publish",
      runId,
      noticeStartsAt: toLocalInput(new Date(Date.now() - HOUR)),
      noticeEndsAt: toLocalInput(new Date(Date.now() + 7 * 24 * HOUR)),
    });
    expect(published.status).toBe(302);

    // Public: the round's result, the project's page, open data with a hash anyone can check.
    const anon = new Browser(server.url);
    const pub = await (await anon.fetch(`/p/huashan-2026-eval/results`)).text();
    expect(pub).toContain("路灯亮了");
    expect(pub).not.toContain("不够亮");
    expect(pub).toContain("按一社一品品牌汇总");
    const project = await (await anon.fetch(`/p/${slug}/${funded[0]}`)).text();
    expect(project).toContain("效果共评:满意度 4.00 分(2 人评分)");
    const open = (await (await anon.fetch(`/api/competitions/${roundId}/results`)).json()) as {
      outputHash: string;
      output: { kind: string };
    };
    expect(open.output.kind).toBe("evaluation");
    expect(
      createHash("sha256")
        .update(canonicalize(open.output) ?? "")
        .digest("hex"),
    ).toBe(open.outputHash);
    const csv = await anon.fetch(`/api/competitions/${roundId}/results/evaluation.csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("满意度均分");
    expect((await anon.fetch(`/api/competitions/${roundId}/results/allocation.csv`)).status).toBe(
      404,
    );
    expect((await anon.fetch(`/api/competitions/${contestId}/results/evaluation.csv`)).status).toBe(
      404,
    );
    // The receipt is counted.
    const check = await (
      await anon.fetch(`/p/huashan-2026-eval/results?receipt=${encodeURIComponent(receipt)}`)
    ).text();
    expect(check).toContain("已被计入");
  });

  it("the tally and the big screen of a rating round: per project how many rated, the spread over 1–5 and the mean, sorted by mean", async () => {
    const db = server.services.db;
    const created = await admin.post(
      `/admin/competitions/${contestId}/evaluations/new`,
      newRound({ slug: "eval-screen", title: "大屏共评" }),
    );
    expect(created.status).toBe(302);
    const id = Number(/competitions\/(\d+)\/voting/.exec(created.headers.get("Location")!)![1]);
    const anon = new Browser(server.url);
    // Before any rating: every project listed, nobody rated, no mean.
    const empty = await (await anon.fetch(`/screen/eval-screen`)).text();
    expect(empty).toContain('data-evaluation="rating"');
    expect(empty).toContain("暂无评分");
    const { tokens } = await issueBatch(
      db,
      { userId: null, label: "test" },
      { competitionId: id, name: "大屏", communityId: null, count: 5 },
    );
    const [a, b, c] = funded as [number, number, number];
    // a: 5, 4, 4 → 4.33 (3 ratings); b: 5, 4 → 4.5 (2); c: 2 (1). Each through the kiosk API.
    const sheets = [{ [a]: "5", [b]: "5" }, { [a]: "4", [b]: "4", [c]: "2" }, { [a]: "4" }];
    for (const [i, sheet] of sheets.entries()) {
      const form = Object.fromEntries(Object.entries(sheet).map(([k, v]) => [`rating.${k}`, v]));
      const cast = await anon.post(`/api/ballots/${tokens[i]!.token}`, form);
      expect(await cast.json()).toMatchObject({ ok: true, status: "cast" });
    }
    type Project = {
      id: number;
      count?: number;
      ratings?: number[];
      mean?: string;
      votes: { total: number };
    };
    const tally = (await (await anon.fetch(`/api/competitions/${id}/tally`)).json()) as {
      rule: string;
      ballots: { online: number };
      projects: Project[];
    };
    expect(tally.rule).toBe("rating");
    expect(tally.ballots.online).toBe(3);
    const of = (pid: number) => tally.projects.find((p) => p.id === pid)!;
    expect(of(a)).toMatchObject({ count: 3, ratings: [0, 0, 0, 2, 1], mean: "4.33" });
    expect(of(b)).toMatchObject({ count: 2, ratings: [0, 0, 0, 1, 1], mean: "4.50" });
    expect(of(c)).toMatchObject({ count: 1, ratings: [0, 1, 0, 0, 0], mean: "2.00" });
    // Pending envelopes count at once (nothing flushed yet with 3 ballots), flushed the same.
    const { flushBallots } = await import("../models/ballot-box.server");
    await flushBallots(db, { competitionId: id, minBatch: 0 });
    const after = (await (await anon.fetch(`/api/competitions/${id}/tally`)).json()) as {
      projects: Project[];
    };
    expect(after.projects.find((p) => p.id === a)).toMatchObject({ count: 3, mean: "4.33" });

    // The big screen (no login): the mean to one decimal, how many rated, the spread, by mean.
    const html = await (await anon.fetch(`/screen/eval-screen`)).text();
    expect(html).toContain('data-testid="screen-ballots">3<');
    expect(html).toContain(`data-testid="screen-mean-${a}">4.3<`);
    expect(html).toContain(`data-testid="screen-mean-${b}">4.5<`);
    expect(html).toContain(`data-testid="screen-mean-${c}">2.0<`);
    expect(html).toContain("3 人评分");
    expect(html).toContain('data-distribution="0,0,0,2,1"');
    const order = [...html.matchAll(/<li[^>]*data-proposal="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order.slice(0, 3)).toEqual([b, a, c]);
  });

  it("an approval round: the ballot page takes a comment per project (same limit and moderation), without JavaScript", async () => {
    const db = server.services.db;
    const created = await admin.post(
      `/admin/competitions/${contestId}/evaluations/new`,
      newRound({
        slug: "eval-approval",
        title: "最满意的项目",
        rule: "approval",
        approvalMaxChoices: "2",
      }),
    );
    expect(created.status).toBe(302);
    const id = Number(/competitions\/(\d+)\/voting/.exec(created.headers.get("Location")!)![1]);
    const { tokens } = await issueBatch(
      db,
      { userId: null, label: "test" },
      { competitionId: id, name: "选卡", communityId: null, count: 3 },
    );
    const [a, b, c] = funded as [number, number, number];
    const resident = new Browser(server.url);
    const token = tokens[0]!.token;
    const page = await (await resident.fetch(`/v/${token}`)).text();
    expect(page).toContain("请选出您最满意的项目,最多 2 个");
    expect(page).toMatch(new RegExp(`type="checkbox" name="choice"[^>]*value="${a}"`));
    expect(page).toContain(`name="comment.${a}"`);
    expect(page).toMatch(/maxlength="500"/i);
    expect(page).toContain("留言(选填,最多 500 字,审核后公开)");

    // Too long, or too many picks: refused in words, the ticks and the comments kept.
    const tooLong = await resident.post(`/v/${token}`, {
      intent: "review",
      choice: String(a),
      [`comment.${a}`]: "长".repeat(501),
    });
    expect(tooLong.status).toBe(400);
    const tooLongHtml = await tooLong.text();
    expect(tooLongHtml).toContain("留言最多 500 字");
    expect(tooLongHtml).toContain("长".repeat(501));
    const form = new URLSearchParams({ intent: "review" });
    for (const x of [a, b, c]) form.append("choice", String(x));
    form.append(`comment.${b}`, "广场舞的音响小声了");
    const tooMany = await resident.post(`/v/${token}`, form);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("广场舞的音响小声了");

    // Review: the pick and the comments read back (one on a project not picked), then back, then cast.
    const review = new URLSearchParams({ intent: "review" });
    review.append("choice", String(a));
    review.append(`comment.${a}`, "  孩子们放学有地方去了  ");
    review.append(`comment.${c}`, "希望延长开放时间");
    review.append(`comment.${b}`, "   ");
    const confirm = await resident.post(`/v/${token}`, review);
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain("您的留言:孩子们放学有地方去了");
    expect(confirmHtml).toContain("未选为最满意,只留言");
    expect(confirmHtml).toContain(`name="comment.${c}" value="希望延长开放时间"`);
    expect(confirmHtml).not.toContain(`name="comment.${b}"`);
    const back = new URLSearchParams({ intent: "back" });
    back.append("choice", String(a));
    back.append(`comment.${a}`, "孩子们放学有地方去了");
    const backHtml = await (await resident.post(`/v/${token}`, back)).text();
    expect(backHtml).toContain("孩子们放学有地方去了");
    const cast = new URLSearchParams({ intent: "confirm" });
    cast.append("choice", String(a));
    cast.append(`comment.${a}`, "孩子们放学有地方去了");
    cast.append(`comment.${c}`, "希望延长开放时间");
    const done = await resident.post(`/v/${token}`, cast);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/v/${token}?cast=1`);
    // The kiosk API takes comments in approval mode too (and refuses a long one).
    const api = await resident.post(`/api/ballots/${tokens[1]!.token}`, {
      choice: String(b),
      [`comment.${b}`]: "长".repeat(501),
    });
    expect(await api.json()).toMatchObject({ ok: false });
    const api2 = await resident.post(`/api/ballots/${tokens[1]!.token}`, {
      choice: String(b),
      [`comment.${b}`]: "灯很亮",
    });
    expect(await api2.json()).toMatchObject({ ok: true, status: "cast" });

    // Before the flush the moderation page says the comments are still sealed in their ballots.
    const sealed = await (await admin.fetch(`/admin/competitions/${id}/comments`)).text();
    expect(sealed).toMatch(/还有 \d+ 张选票尚未开封/);
    expect(sealed).not.toContain("希望延长开放时间");
    // The same moderation path: written unlinked by the flush, pending until the street decides.
    const { flushBallots } = await import("../models/ballot-box.server");
    await flushBallots(db, { competitionId: id, minBatch: 0 });
    const comments = await db
      .select()
      .from(evaluationComments)
      .where(eq(evaluationComments.competitionId, id));
    expect(comments.map((m) => [m.proposalId, m.body, m.status]).sort()).toEqual(
      [
        [a, "孩子们放学有地方去了", "pending"],
        [b, "灯很亮", "pending"],
        [c, "希望延长开放时间", "pending"],
      ].sort(),
    );
    const moderation = await (await admin.fetch(`/admin/competitions/${id}/comments`)).text();
    expect(moderation).toContain("希望延长开放时间");
    expect(moderation).not.toContain("尚未开封");
    const tally = (await (await resident.fetch(`/api/competitions/${id}/tally`)).json()) as {
      rule: string;
      projects: Array<{ id: number; votes: { total: number } }>;
    };
    expect(tally.rule).toBe("approval");
    expect(tally.projects.find((p) => p.id === a)!.votes.total).toBe(1);
    expect(tally.projects.find((p) => p.id === c)!.votes.total).toBe(0);
  });
});
