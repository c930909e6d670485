/** Resident voting over HTTP against the real server: the no-JavaScript flow, the JSON API, the registry, paper counts and the permission matrix. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballotEnvelopes, competitions, users } from "../../db/schema";
import { computeTally, getBallot, issueBatch, lookupToken } from "../models/ballot.server";
import { Browser, openDemoVoting, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let projectIds: number[];

async function tokens(count: number) {
  const [admin] = await server.services.db.select().from(users).where(eq(users.username, "admin"));
  const { tokens: list } = await issueBatch(
    server.services.db,
    { userId: admin!.id, label: "test" },
    { competitionId, name: `测试 ${Date.now()}`, communityId: null, count },
  );
  return list.map((t) => t.token);
}

function form(fields: Array<[string, string]>) {
  const body = new URLSearchParams();
  for (const [k, v] of fields) body.append(k, v);
  return body;
}

beforeAll(async () => {
  server = await startTestServer({ ballotFlushIntervalMs: 0 });
  const db = server.services.db;
  ({ competitionId, projectIds } = await openDemoVoting(db));
});
afterAll(async () => {
  await server?.close();
});

describe("voting without JavaScript (plain form posts)", () => {
  it("choose → confirm → receipt, and the receipt checks out on the public page", async () => {
    const [token] = await tokens(1);
    const page = await fetch(`${server.url}/v/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("请选择您支持的项目,最多选 3 个");
    expect(html).toMatch(new RegExp(`name="choice"[^>]*value="${projectIds[0]}"`));

    const review = await fetch(`${server.url}/v/${token}`, {
      method: "POST",
      body: form([
        ["choice", String(projectIds[0])],
        ["choice", String(projectIds[2])],
        ["intent", "review"],
      ]),
      redirect: "manual",
    });
    expect(review.status).toBe(200);
    const confirmHtml = await review.text();
    expect(confirmHtml).toContain("请确认您的选择");
    expect(confirmHtml).toContain(`type="hidden" name="choice" value="${projectIds[2]}"`);

    const cast = await fetch(`${server.url}/v/${token}`, {
      method: "POST",
      body: form([
        ["choice", String(projectIds[0])],
        ["choice", String(projectIds[2])],
        ["intent", "confirm"],
      ]),
      redirect: "manual",
    });
    expect(cast.status).toBe(302);
    expect(cast.headers.get("Location")).toBe(`/v/${token}?cast=1`);
    const receiptPage = await (await fetch(`${server.url}/v/${token}?cast=1`)).text();
    const receipt = /data-testid="receipt">([0-9A-Z]{5}-[0-9A-Z]{5})</.exec(receiptPage)![1]!;
    expect(receiptPage).toContain("投票成功,谢谢您!");
    // A second visit of the card shows it was used, with the same receipt.
    const again = await (await fetch(`${server.url}/v/${token}`)).text();
    expect(again).toContain("这张选票已经投过了");
    expect(again).toContain(receipt);
    const check = await (
      await fetch(`${server.url}/p/huashan-2026/receipt?code=${receipt}`)
    ).text();
    expect(check).toContain(`回执码 ${receipt} 对应的选票已被计入`);
  });

  it("refuses too many choices with a clear message and keeps the selection", async () => {
    const [token] = await tokens(1);
    const res = await fetch(`${server.url}/v/${token}`, {
      method: "POST",
      body: form(projectIds.slice(0, 4).map((id) => ["choice", String(id)])),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("最多只能选 3 个项目");
    expect(html.match(/name="choice"[^>]*checked=""/g)?.length).toBe(4);
  });

  it("answers kiosks and scripts in JSON: one ballot however often they retry", async () => {
    const [token] = await tokens(1);
    const post = () =>
      fetch(`${server.url}/api/ballots/${token}`, {
        method: "POST",
        body: form([["choice", String(projectIds[1])]]),
      }).then((r) => r.json() as Promise<{ ok: boolean; status: string; receipt: string }>);
    const [a, b, c] = await Promise.all([post(), post(), post()]);
    expect([a, b, c].filter((r) => r.status === "cast")).toHaveLength(1);
    expect(new Set([a.receipt, b.receipt, c.receipt]).size).toBe(1);
    const tally = (await (
      await fetch(`${server.url}/api/competitions/${competitionId}/tally`)
    ).json()) as {
      projects: Array<{
        id: number;
        title: string;
        community: string;
        votes: { online: number; offline: number; total: number };
      }>;
      ballots: { online: number };
    };
    expect(tally.projects.find((p) => p.id === projectIds[1])!.votes.online).toBeGreaterThanOrEqual(
      1,
    );
    expect(tally.projects[0]).toHaveProperty("community");
    const list = (await (await fetch(`${server.url}/api/competitions`)).json()) as Array<{
      id: number;
      title: string;
      phase: string;
    }>;
    expect(list).toContainEqual(
      expect.objectContaining({
        id: competitionId,
        phase: "voting",
        title: "花山街党建引领社区治理创新项目路演",
      }),
    );
  });

  it("says clearly when a card is unknown, and slows down whoever guesses", async () => {
    const bad = await fetch(`${server.url}/v/${"A".repeat(27)}`, {
      headers: { "X-Forwarded-For": "1.2.3.4" },
    });
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain("二维码无效");
    let last = 0;
    for (let i = 0; i < 31; i++)
      last = (await fetch(`${server.url}/v/${"B".repeat(26)}${i}`)).status;
    expect(last).toBe(429);
    // (Let the next tests in this file vote from the same address.)
    await server.services.limiters.voteProbeByIp.delete("::ffff:127.0.0.1");
    await server.services.limiters.voteProbeByIp.delete("127.0.0.1");
  });
});

describe("typing the card's code instead of scanning", () => {
  it("the code printed under the QR leads to the same ballot, typed however; a wrong one is refused, keeping what was typed", async () => {
    const [admin] = await server.services.db
      .select()
      .from(users)
      .where(eq(users.username, "admin"));
    const { tokens: cards } = await issueBatch(
      server.services.db,
      { userId: admin!.id, label: "test" },
      { competitionId, name: "手输", communityId: null, count: 1 },
    );
    const { token, typedCode } = cards[0]!;
    expect(typedCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const page = await fetch(`${server.url}/v`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("投票卡二维码下方的投票码");
    // Lower case, spaces instead of dashes, a full-width character.
    const typed = typedCode
      .toLowerCase()
      .replace(/-/g, " ")
      .replace(/^./, (c) => String.fromCharCode(c.toUpperCase().charCodeAt(0) + 0xfee0));
    const go = await fetch(`${server.url}/v`, {
      method: "POST",
      body: form([["code", typed]]),
      redirect: "manual",
    });
    expect(go.status).toBe(302);
    expect(go.headers.get("Location")).toBe(`/v/${token}`);
    const wrong = await fetch(`${server.url}/v`, {
      method: "POST",
      body: form([["code", "ZZZZ-ZZZZ-ZZZZ"]]),
    });
    expect(wrong.status).toBe(404);
    const html = await wrong.text();
    expect(html).toContain("投票码无效");
    expect(html).toContain('value="ZZZZ-ZZZZ-ZZZZ"');
    // The landing page of the big screen's QR links to it.
    expect(await (await fetch(`${server.url}/vote/huashan-2026`)).text()).toContain('href="/v"');
  });
});

describe("the voting window", () => {
  it("a vote after the window closes is refused at once, on the page and on the API", async () => {
    const [a, b, c] = await tokens(3);
    // Both paths have just served (and cached) an open ballot.
    expect((await fetch(`${server.url}/v/${a}`)).status).toBe(200);
    const first = await fetch(`${server.url}/api/ballots/${a}`, {
      method: "POST",
      body: form([["choice", String(projectIds[0])]]),
    });
    expect(first.status).toBe(200);
    const db = server.services.db;
    await db.execute(
      sql`update competitions set voting_closes_at = now() - interval '1 second' where id = ${competitionId}`,
    );
    try {
      const api = await fetch(`${server.url}/api/ballots/${b}`, {
        method: "POST",
        body: form([["choice", String(projectIds[0])]]),
      });
      expect(api.status).toBe(403);
      expect(await api.json()).toEqual({ ok: false, error: "closed" });
      const page = await fetch(`${server.url}/v/${c}`, {
        method: "POST",
        body: form([
          ["choice", String(projectIds[0])],
          ["intent", "confirm"],
        ]),
        redirect: "manual",
      });
      expect(page.status).toBe(302);
      expect(page.headers.get("Location")).toBe(`/v/${c}`);
      const [b1, c1] = await Promise.all([lookupToken(db, b!), lookupToken(db, c!)]);
      expect([b1.status, c1.status]).toEqual(["issued", "issued"]);
    } finally {
      await db
        .update(competitions)
        .set({ votingClosesAt: new Date(Date.now() + 3600_000) })
        .where(eq(competitions.id, competitionId));
      await getBallot(db, competitionId, true);
      // The server (the build, with its own copy of the ballot cache) may serve the closed
      // window for up to three seconds more: the next tests wait until it serves it open.
      await expect
        .poll(
          async () => (await (await fetch(`${server.url}/v/${b}`)).text()).includes("投票已经结束"),
          {
            timeout: 10_000,
          },
        )
        .toBe(false);
    }
  });
});

describe("the rule switched while a resident chooses", () => {
  it("a ballot checked under the old rule is refused in words, not cast; the page shows the new rule", async () => {
    const db = server.services.db;
    const [token, other] = await tokens(2);
    // The server has loaded (and cached) the approval ballot …
    expect(await (await fetch(`${server.url}/v/${token}`)).text()).toContain("最多选 3 个");
    // … and the rule changes behind its cache (another instance, the street's settings page).
    await db
      .update(competitions)
      .set({ voteRule: "budget", voterBudgetFen: 1 })
      .where(eq(competitions.id, competitionId));
    try {
      const cast = await fetch(`${server.url}/v/${token}`, {
        method: "POST",
        body: form([
          ["choice", String(projectIds[0])],
          ["intent", "confirm"],
        ]),
        redirect: "manual",
      });
      expect(cast.status).toBe(400);
      const refused = await cast.text();
      expect(refused).toContain("投票规则刚刚调整,您的选票尚未提交");
      expect(refused).toContain("请在 0.01 元预算内选择您支持的项目");
      expect((await lookupToken(db, token!)).status).toBe("issued");
    } finally {
      await db
        .update(competitions)
        .set({ voteRule: "approval", voterBudgetFen: null })
        .where(eq(competitions.id, competitionId));
      // The server's cache may hold the budget ballot up to three seconds more.
      await expect
        .poll(
          async () =>
            (await (await fetch(`${server.url}/v/${other}`)).text()).includes("最多选 3 个"),
          {
            timeout: 10_000,
          },
        )
        .toBe(true);
    }
  });
});

describe("the resident registry path", () => {
  it("matches a resident, gives one ballot, then says they already voted", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const csv = "姓名,手机,社区\n王小明,13700001234,春和社区\n";
    const body = new FormData();
    body.append("file", new Blob([csv], { type: "text/csv" }), "registry.csv");
    expect(
      (await admin.fetch(`/admin/competitions/${competitionId}/voting`, { method: "POST", body }))
        .status,
    ).toBe(302);

    const resident = new Browser(server.url);
    const wrong = await resident.post("/vote/huashan-2026", {
      name: "王小明",
      phone: "13700009999",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("未能核对");
    const ok = await resident.post("/vote/huashan-2026", {
      name: "王 小明",
      phone: "137-0000-1234",
    });
    expect(ok.status).toBe(302);
    const voteUrl = ok.headers.get("Location")!;
    expect(voteUrl).toMatch(/^\/v\/\d+\.[A-Za-z0-9_-]{20,}$/);
    const cast = await resident.post(voteUrl, { choice: String(projectIds[3]), intent: "confirm" });
    expect(cast.status).toBe(302);
    // A repeat visit leads to the same card, which now shows its receipt.
    const again = await resident.post("/vote/huashan-2026", {
      name: "王小明",
      phone: "13700001234",
    });
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(voteUrl);
    const receiptPage = await (await resident.fetch(voteUrl)).text();
    expect(receiptPage).toContain("这张选票已经投过了");
    expect(receiptPage).toMatch(/data-testid="receipt">[0-9A-Z]{5}-[0-9A-Z]{5}</);
  });

  it("asks for the 证件号 when one is on file, keeping what was typed", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const csv = "姓名,手机,社区,证件号\n赵六,13700004321,春和社区,110101199003071234\n";
    const body = new FormData();
    body.append("file", new Blob([csv], { type: "text/csv" }), "registry.csv");
    expect(
      (await admin.fetch(`/admin/competitions/${competitionId}/voting`, { method: "POST", body }))
        .status,
    ).toBe(302);
    const resident = new Browser(server.url);
    const ask = await resident.post("/vote/huashan-2026", { name: "赵六", phone: "13700004321" });
    expect(ask.status).toBe(400);
    const html = await ask.text();
    expect(html).toContain("请填写证件号码");
    expect(html).toContain('value="13700004321"');
    const ok = await resident.post("/vote/huashan-2026", {
      name: "赵六",
      phone: "13700004321",
      document: "110101199003071234",
    });
    expect(ok.status).toBe(302);
  });

  it("answers every failed check alike, and stops guessing per phone number", async () => {
    const resident = new Browser(server.url);
    const answers = [];
    for (let i = 0; i < 8; i++) {
      const r = await resident.post("/vote/huashan-2026", {
        name: `猜${i}`,
        phone: "13700002222",
      });
      answers.push(r.status);
    }
    expect(answers).toEqual(Array(8).fill(400));
    const blocked = await resident.post("/vote/huashan-2026", {
      name: "王小明",
      phone: "137 0000 2222",
    });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("尝试次数过多");
    // Another resident at the same address is not held up by it.
    const other = await resident.post("/vote/huashan-2026", {
      name: "路人",
      phone: "13700005678",
    });
    expect(other.status).toBe(400);
  });
});

describe("throttles never stop a valid card", () => {
  it("a valid card votes after 100 bad scans from its address; the scans are slowed, the card is not", async () => {
    const [card, kiosk] = await tokens(2);
    const bad = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fetch(`${server.url}/v/${competitionId}.${"Q".repeat(24)}${String(i).padStart(3, "0")}`),
      ),
    );
    expect(bad.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(60);
    expect(bad.every((r) => r.status === 404 || r.status === 429)).toBe(true);
    const apiBad = await fetch(`${server.url}/api/ballots/${competitionId}.${"Q".repeat(27)}`, {
      method: "POST",
      body: form([["choice", String(projectIds[0])]]),
    });
    expect(apiBad.status).toBe(429);
    const started = Date.now();
    const page = await fetch(`${server.url}/v/${card}`);
    expect(page.status).toBe(200);
    const cast = await fetch(`${server.url}/v/${card}`, {
      method: "POST",
      body: form([
        ["choice", String(projectIds[0])],
        ["intent", "confirm"],
      ]),
      redirect: "manual",
    });
    expect(cast.status).toBe(302);
    expect(cast.headers.get("Location")).toBe(`/v/${card}?cast=1`);
    const api = await fetch(`${server.url}/api/ballots/${kiosk}`, {
      method: "POST",
      body: form([["choice", String(projectIds[1])]]),
    });
    expect(api.status).toBe(200);
    expect(((await api.json()) as { status: string }).status).toBe("cast");
    // Not slowed down either.
    expect(Date.now() - started).toBeLessThan(1500);
    await server.services.limiters.voteProbeByIp.delete("::ffff:127.0.0.1");
    await server.services.limiters.voteProbeByIp.delete("127.0.0.1");
  });
});

describe("paper counts over HTTP", () => {
  it("two clerks' matching counts confirm a station and reach the tally", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const [community] = await server.services.db.query.communities.findMany({ limit: 1 });
    await admin.post(`/admin/competitions/${competitionId}/voting`, {
      intent: "station",
      communityId: String(community!.id),
      name: "软件新城服务站",
    });
    const [station] = await server.services.db.query.pollingStations.findMany({
      where: (s, { eq: is }) => is(s.name, "软件新城服务站"),
    });
    const count = Object.fromEntries([
      ["ballotsCast", "40"],
      ["invalid", "1"],
      ...projectIds.map((id, i) => [`votes-${id}`, String(i === 0 ? 25 : i === 1 ? 12 : 0)]),
    ]);
    for (const username of ["clerk1", "clerk2"]) {
      const clerk = new Browser(server.url);
      await clerk.login(username);
      expect((await clerk.post(`/clerk/${competitionId}/${station!.id}`, count)).status).toBe(302);
    }
    const clerk = new Browser(server.url);
    await clerk.login("clerk1");
    expect(await (await clerk.fetch(`/clerk/${competitionId}/${station!.id}`)).text()).toContain(
      "两次录入一致,已确认",
    );
    const bad = await clerk.post(`/clerk/${competitionId}/${station!.id}`, count);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("该投票点已确认,不能再修改");
    const tally = (await (
      await fetch(`${server.url}/api/competitions/${competitionId}/tally`)
    ).json()) as {
      projects: Array<{ id: number; votes: { offline: number } }>;
      ballots: { offline: number };
    };
    expect(tally.projects.find((p) => p.id === projectIds[0])!.votes.offline).toBe(25);
    expect(tally.ballots.offline).toBe(39);
  });
});

describe("permission matrix (voting)", () => {
  it("GET: each role gets exactly what it may see", async () => {
    const USERS = ["visitor", "admin", "sec-chunhe", "judge1", "clerk1", "observer"] as const;
    const [station] = await server.services.db.query.pollingStations.findMany({ limit: 1 });
    const routes: Array<[string, Partial<Record<(typeof USERS)[number], number>>]> = [
      [`/admin/competitions/${competitionId}/voting`, { admin: 200, observer: 200 }],
      [`/admin/competitions/${competitionId}/cards`, { admin: 200 }],
      [
        `/admin/competitions/${competitionId}/stations/${station!.id}`,
        { admin: 200, observer: 200 },
      ],
      [
        `/admin/competitions/${competitionId}/paper-ballot`,
        { admin: 200, observer: 200, clerk1: 200 },
      ],
      [`/clerk/${competitionId}`, { clerk1: 200 }],
      [`/clerk/${competitionId}/${station!.id}`, { clerk1: 200 }],
    ];
    const failures: string[] = [];
    for (const u of USERS) {
      const b = new Browser(server.url);
      if (u !== "visitor") await b.login(u);
      for (const [route, allowed] of routes) {
        const status = (await b.fetch(route)).status;
        const expected = allowed[u] ?? (u === "visitor" ? 302 : 403);
        if (status !== expected) failures.push(`${u} ${route}: ${status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
    for (const path of [
      "/vote/huashan-2026",
      "/p/huashan-2026/receipt",
      "/api/competitions",
      `/api/competitions/${competitionId}/tally`,
    ]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });

  it("POST: only the street issues cards, voids them, adds stations and resolves counts; only clerks count", async () => {
    const [station] = await server.services.db.query.pollingStations.findMany({ limit: 1 });
    const cases: Array<[string, string, Record<string, string>]> = [
      [
        "observer",
        `/admin/competitions/${competitionId}/cards`,
        { name: "x", count: "1", format: "csv", communityId: "" },
      ],
      [
        "clerk1",
        `/admin/competitions/${competitionId}/voting`,
        { intent: "station", communityId: "1", name: "x" },
      ],
      [
        "observer",
        `/admin/competitions/${competitionId}/voting`,
        { intent: "void", batchId: "1", checkCode: "ABCDEF" },
      ],
      [
        "clerk1",
        `/admin/competitions/${competitionId}/stations/${station!.id}`,
        { ballotsCast: "1", invalid: "0", reason: "x" },
      ],
      ["admin", `/clerk/${competitionId}/${station!.id}`, { ballotsCast: "1", invalid: "0" }],
      ["judge1", `/clerk/${competitionId}/${station!.id}`, { ballotsCast: "1", invalid: "0" }],
    ];
    const failures: string[] = [];
    for (const [u, route, body] of cases) {
      const b = new Browser(server.url);
      await b.login(u);
      const status = (await b.post(route, body)).status;
      if (status !== 403) failures.push(`${u} POST ${route}: ${status}`);
    }
    expect(failures).toEqual([]);
  });
});

// Last: it restarts the server.
describe("a crash between casting and storing", () => {
  it("loses no ballot: pending ballots count at once and move into the ballot table at the next start", async () => {
    const cast = async (token: string) =>
      (await (
        await fetch(`${server.url}/api/ballots/${token}`, {
          method: "POST",
          body: form([["choice", String(projectIds[2])]]),
        })
      ).json()) as { ok: boolean; status: string; receipt: string };
    const db = server.services.db;
    const before = (await computeTally(db, competitionId))!.ballotsOnline;
    const list = await tokens(2);
    const receipts = [];
    for (const token of list) receipts.push((await cast(token)).receipt);
    expect((await computeTally(db, competitionId))!.ballotsOnline).toBe(before + 2);
    const pending = await db.select({ id: ballotEnvelopes.id }).from(ballotEnvelopes);
    expect(pending.length).toBeGreaterThanOrEqual(2);
    // Voting closes; the process goes away before any flush ran.
    await db
      .update(competitions)
      .set({ votingClosesAt: new Date(Date.now() - 1000) })
      .where(eq(competitions.id, competitionId));
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir, keepData: true, ballotFlushIntervalMs: 0 });
    const after = server.services.db;
    expect(await after.select().from(ballotEnvelopes)).toEqual([]);
    expect((await computeTally(after, competitionId))!.ballotsOnline).toBe(before + 2);
    // A retry with the same card still gets its receipt, and the receipt checks out.
    expect(await cast(list[0]!)).toMatchObject({
      ok: true,
      status: "already",
      receipt: receipts[0],
    });
    const check = await (
      await fetch(`${server.url}/p/huashan-2026/receipt?code=${receipts[1]}`)
    ).text();
    expect(check).toContain(`回执码 ${receipts[1]} 对应的选票已被计入`);
  });
});
