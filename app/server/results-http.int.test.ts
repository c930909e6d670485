/**
 * Results over HTTP against the real server: who may run and publish, the public 公示 page with a
 * receipt check, objections (idempotent, rate-limited, answered publicly), open data whose hash
 * anyone can recompute, CSV/XLSX exports, and the final reveal on the big screen over socket.io.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  communities,
  competitions,
  objections,
  pollingStations,
  resultRuns,
} from "../../db/schema";
import type { Ack, Snapshot } from "../../realtime/events";
import type { ResultOutput } from "../domain/results";
import { verifyAuditLog } from "../models/audit.server";
import {
  Browser,
  finishDemoShow,
  loggedIn,
  publishDraft,
  runDraft,
  runForm,
  startTestServer,
} from "../testing/server";
import { toLocalInput } from "../utils/datetime";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let slug: string;
let receipt: string;
const sockets: Socket[] = [];

const as = (username: string) => loggedIn(server.url, username);

beforeAll(async () => {
  server = await startTestServer();
  const show = await finishDemoShow(server.services.db, {
    seed: "results-http",
    ballots: 60,
    stations: [{ community: "兰园社区", ballots: 20 }],
  });
  ({ competitionId, slug } = show);
  receipt = show.receipts[0]!;
}, 120_000);
afterAll(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
});

const results = () => `/admin/competitions/${competitionId}/results`;

describe("results over HTTP", () => {
  it("guards the admin tab: visitors log in, secretaries are refused, observers only read", async () => {
    const anon = new Browser(server.url);
    const res = await anon.fetch(results());
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("/login");

    const secretary = await as("sec-chunhe");
    expect((await secretary.fetch(results())).status).toBe(403);
    expect((await secretary.post(results(), runForm())).status).toBe(403);

    const observer = await as("observer");
    expect((await observer.fetch(results())).status).toBe(200);
    expect((await observer.post(results(), runForm())).status).toBe(403);

    // Nothing is published yet: the public page says so, open data and exports are 404.
    const page = await (await anon.fetch(`/p/${slug}/results`)).text();
    expect(page).toContain("结果尚未公示");
    expect((await anon.fetch(`/api/competitions/${competitionId}/results`)).status).toBe(404);
    expect(
      (await anon.fetch(`/api/competitions/${competitionId}/results/allocation.csv`)).status,
    ).toBe(404);
  });

  it("answers an unknown intent or a bad value with a message, keeps what was typed, stores nothing", async () => {
    const db = server.services.db;
    const stored = async () => ({
      runs: (await db.select().from(resultRuns)).length,
      objections: (await db.select().from(objections)).length,
      audit: (await db.select().from(auditLog)).length,
    });
    const admin = await as("admin");
    const before = await stored();
    const refused: Array<[string, Record<string, string>, string]> = [
      // No form sends these intents: a clear message on the page, never a save.
      ["bogus", runForm({ intent: "bogus", lotSeed: "typed-seed-1" }), "无法识别的操作"],
      ["none", { residentRule: "top", rule: "greedy", lotSeed: "typed-seed-2" }, "无法识别的操作"],
      // Values no option offers, or ids that are not numbers: refused beside the field.
      ["rule", runForm({ rule: "everything", lotSeed: "typed-seed-3" }), "请选择有效的选项"],
      ["tie", runForm({ tie1: "coin", lotSeed: "typed-seed-4" }), "请选择有效的选项"],
      ["runId", { intent: "publish", runId: "abc", noticeStartsAt: "", noticeEndsAt: "" }, ""],
      ["answer", { intent: "answer", objectionId: "abc", answer: "不是数字的编号" }, ""],
    ];
    for (const [what, form, message] of refused) {
      const res = await admin.post(results(), form);
      expect(res.status, what).toBe(400);
      const html = await res.text();
      if (message) expect(html, what).toContain(message);
      // What was typed is back in its field.
      if (form.lotSeed) expect(html, what).toContain(`value="${form.lotSeed}"`);
    }

    expect(await stored()).toEqual(before);
  });

  it("runs a draft, keeps bad input with a message, publishes, and serves it to everyone", async () => {
    const admin = await as("admin");
    // A repeated tie-break is refused beside the field; the page answers 400, not 500.
    const bad = await admin.post(results(), runForm({ tie2: "judge" }));
    expect(bad.status).toBe(400);

    const runId = await runDraft(admin, competitionId);

    // The draft's exports are for the street and observers only.
    const anon = new Browser(server.url);
    const draftCsv = `/api/competitions/${competitionId}/results/allocation.csv?draft=1`;
    expect((await anon.fetch(draftCsv)).status).toBe(403);
    expect((await (await as("sec-chunhe")).fetch(draftCsv)).status).toBe(403);
    expect((await admin.fetch(draftCsv)).status).toBe(200);

    // An end before the start is refused; then a 公示 period around now is accepted.
    const now = Date.now();
    const wrong = await admin.post(results(), {
      intent: "publish",
      runId: String(runId),
      noticeStartsAt: toLocalInput(new Date(now + 86400_000)),
      noticeEndsAt: toLocalInput(new Date(now)),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("结束时间必须晚于开始时间");
    await publishDraft(admin, competitionId, runId);

    // Open data: anyone can recompute the hash of what was published.
    const api = await anon.fetch(`/api/competitions/${competitionId}/results`);
    expect(api.status).toBe(200);
    expect(api.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await api.json()) as { runId: number; outputHash: string; output: ResultOutput };
    expect(body.runId).toBe(runId);
    const recomputed = createHash("sha256").update(canonicalize(body.output)!).digest("hex");
    expect(recomputed).toBe(body.outputHash);
    const spent = body.output.funds.map((f) => f.spentFen);
    const rowsSum = (["street", "foundation"] as const).map((k) =>
      body.output.rows.reduce((s, r) => s + r.amounts[k], 0),
    );
    expect(rowsSum).toEqual(spent);
    body.output.funds.forEach((f) => expect(f.spentFen).toBeLessThanOrEqual(f.totalFen));
    // The audit chain's head at publication is in the open data, and the chain matches it.
    const { auditChainHead: head } = body as unknown as {
      auditChainHead: { seq: number; hash: string; at: string };
    };
    expect(head.seq).toBeGreaterThan(0);
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(head.at)).toBeGreaterThan(now - 60_000);
    const verified = await verifyAuditLog(server.services.db);
    expect(verified).toMatchObject({ ok: true });
    expect(verified.heads).toBeGreaterThanOrEqual(1);

    // The public page: hash, money, the explanation lines, the chain head, the receipt.
    const pub = await (await anon.fetch(`/p/${slug}/results?receipt=${receipt}`)).text();
    expect(pub).toContain(body.outputHash);
    expect(pub).toContain(`公示时的审计链头:第 ${head.seq} 条,哈希 ${head.hash}`);
    expect(pub).toContain(`回执码 ${receipt} 对应的选票已被计入`);
    const first = body.output.rows[0]!;
    expect(pub).toContain(first.title.replace(/"/g, "&quot;"));
    expect(pub).toContain(`综合分 ${first.combined.text}`);
    const unknown = await (await anon.fetch(`/p/${slug}/results?receipt=AAAAA-AAAAA`)).text();
    expect(unknown).toContain("没有找到回执码 AAAAA-AAAAA");
    // The public list links to the notice.
    expect(await (await anon.fetch(`/p/${slug}`)).text()).toContain("评审结果已公示");

    // A second run now needs a reason.
    const again = await admin.post(results(), runForm());
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("须写明原因");
  });

  it("adds no polling station once the result is published: refused in Chinese, name kept, nothing saved", async () => {
    const db = server.services.db;
    const [c] = await db.select().from(competitions).where(eq(competitions.id, competitionId));
    // Publishing moved the competition past voting.
    expect(c!.phase).toBe("results");
    const before = await db
      .select()
      .from(pollingStations)
      .where(eq(pollingStations.competitionId, competitionId));
    const [community] = await db.select().from(communities).limit(1);
    const admin = await as("admin");
    const voting = `/admin/competitions/${competitionId}/voting`;
    const form = { intent: "station", communityId: String(community!.id), name: "补设投票点" };
    const page = await admin.post(voting, form);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain("投票阶段已过或结果已公布,不能再添加投票点");
    expect(html).toContain("补设投票点");
    const data = await admin.fetch(
      `${voting}?_data=${encodeURIComponent("routes/admin.competitions.$competitionId.voting")}`,
      {
        method: "POST",
        body: new URLSearchParams(form),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      },
    );
    expect(data.status).toBe(400);
    expect(await data.json()).toMatchObject({
      intent: "station",
      result: { error: { "": ["paper.errors.stationsClosed"] }, initialValue: form },
    });
    const after = await db
      .select()
      .from(pollingStations)
      .where(eq(pollingStations.competitionId, competitionId));
    expect(after).toHaveLength(before.length);
  });

  it("exports open in a spreadsheet: CSV with a BOM, XLSX with the same header", async () => {
    const anon = new Browser(server.url);
    const base = `/api/competitions/${competitionId}/results`;
    for (const kind of ["scores", "tally", "allocation"]) {
      const csv = await anon.fetch(`${base}/${kind}.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      expect(csv.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''`);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.slice(3));
      const lines = text.trim().split(/\r?\n/);
      expect(lines.length).toBeGreaterThan(2);

      const xlsx = await anon.fetch(`${base}/${kind}.xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await xlsx.arrayBuffer());
      const sheet = book.worksheets[0]!;
      const firstCells = sheet.getRow(1).values as unknown[];
      const csvHeader = lines[0]!.split(",").map((c) => c.replace(/^"|"$/g, ""));
      expect(firstCells.slice(1).map(String)).toEqual(csvHeader);
    }
    const allocation = new TextDecoder().decode(
      await (await anon.fetch(`${base}/allocation.csv`)).arrayBuffer(),
    );
    expect(allocation).toContain("街道惠民资金");
  });

  it("takes objections during the 公示 once per key, rate-limits them, and shows the answer", async () => {
    const anon = new Browser(server.url);
    const key = "objection-key-0001";
    const form = {
      authorName: "王阿姨",
      authorContact: "13800000000",
      body: "兰园社区的纸质票数好像少算了,请核对。",
      key,
    };
    // The page's one form: an unknown intent or a value no option offers is refused with the
    // text kept, and nothing is filed.
    const db = server.services.db;
    const filedBefore = (await db.select().from(objections)).length;
    const refused: Array<[Record<string, string>, string]> = [
      [{ ...form, intent: "delete" }, "无法识别的操作"],
      [{ ...form, proposalId: "first" }, "请选择有效的选项"],
    ];
    for (const [bad, message] of refused) {
      const res = await anon.post(`/p/${slug}/results`, bad);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(">兰园社区的纸质票数好像少算了,请核对。</textarea>");
      if (message) expect(html).toContain(message);
    }
    expect(await db.select().from(objections)).toHaveLength(filedBefore);

    const one = await anon.post(`/p/${slug}/results`, form);
    expect(one.status).toBe(200);
    const two = await anon.post(`/p/${slug}/results`, form);
    expect(two.status).toBe(200);
    const filed = await db.select().from(objections).where(eq(objections.idempotencyKey, key));
    expect(filed).toHaveLength(1);

    // Too short: refused with a message, and the text is kept in the form.
    const short = await anon.post(`/p/${slug}/results`, {
      ...form,
      body: "不对",
      key: "k".repeat(20),
    });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("不对");

    // The public page shows the objection but never the contact.
    const page = await (await anon.fetch(`/p/${slug}/results`)).text();
    expect(page).toContain("兰园社区的纸质票数好像少算了");
    expect(page).not.toContain("13800000000");

    // The street sees the contact and answers publicly.
    const admin = await as("admin");
    expect(await (await admin.fetch(results())).text()).toContain("13800000000");
    // Observers read the objection, but the contact is for the street alone.
    const observerPage = await (await (await as("observer")).fetch(results())).text();
    expect(observerPage).toContain("兰园社区的纸质票数好像少算了");
    expect(observerPage).not.toContain("13800000000");
    const answered = await admin.post(results(), {
      intent: "answer",
      objectionId: String(filed[0]!.id),
      answer: "已复核兰园社区投票点的两份计数,一致无误。",
    });
    expect(answered.status).toBe(302);
    expect(await (await anon.fetch(`/p/${slug}/results`)).text()).toContain(
      "已复核兰园社区投票点的两份计数",
    );

    // Twenty objections an hour from one address, then a clear refusal.
    let last = 200;
    for (let i = 0; i < 25 && last !== 429; i++) {
      const res = await anon.post(`/p/${slug}/results`, {
        ...form,
        key: `flood-${String(i).padStart(12, "0")}`,
      });
      last = res.status;
      if (last === 429) expect(await res.text()).toContain("提交过于频繁");
    }
    expect(last).toBe(429);
  });

  it("puts the published result on the big screen from the host console, and takes it down", async () => {
    const admin = await as("admin");
    const socketFor = async (cookie?: string) => {
      const s = connect(server.url, {
        transports: ["websocket"],
        extraHeaders: cookie ? { Cookie: cookie } : {},
      });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once("connect", () => resolve());
        s.once("connect_error", reject);
      });
      return s;
    };
    const host = await socketFor(admin.cookieHeader);
    const screen = await socketFor();
    const judge = await socketFor((await as("judge1")).cookieHeader);
    const join = async (s: Socket, audience: string) =>
      (await s.timeout(10_000).emitWithAck("live:join", { competitionId, audience })) as Ack & {
        snapshot?: Snapshot;
      };
    expect((await join(host, "host")).snapshot?.final).toBeNull();
    expect((await join(screen, "screen")).snapshot?.final).toBeNull();

    const refused = (await judge
      .timeout(10_000)
      .emitWithAck("host:final", { competitionId, show: true })) as Ack;
    expect(refused).toMatchObject({ ok: false, error: "forbidden" });

    const shown = new Promise<Snapshot>((resolve) =>
      screen.on("live:snapshot", (s: Snapshot) => {
        if (s.final) resolve(s);
      }),
    );
    const ack = (await host
      .timeout(10_000)
      .emitWithAck("host:final", { competitionId, show: true })) as Ack;
    expect(ack.ok).toBe(true);
    const snap = await shown;
    const published = (await (
      await fetch(`${server.url}/api/competitions/${competitionId}/results`)
    ).json()) as { outputHash: string; output: ResultOutput };
    expect(snap.final!.outputHash).toBe(published.outputHash);
    expect(snap.final!.totalFen).toBe(published.output.funds.reduce((s, f) => s + f.spentFen, 0));
    expect(snap.final!.brands.reduce((s, b) => s + b.totalFen, 0)).toBe(snap.final!.totalFen);

    // A screen opened now gets the reveal in its first HTML.
    expect(await (await fetch(`${server.url}/screen/${slug}`)).text()).toContain(
      'data-testid="final-screen"',
    );

    // A corrected result published while the reveal is up replaces it on the screen by itself.
    const replaced = new Promise<Snapshot>((resolve) =>
      screen.on("live:snapshot", (s: Snapshot) => {
        if (s.final && s.final.outputHash !== published.outputHash) resolve(s);
      }),
    );
    const runId = await runDraft(admin, competitionId, {
      rule: "equal-shares",
      reason: "改用均等份额法复核",
    });
    await publishDraft(admin, competitionId, runId);
    expect((await replaced).final!.runId).toBe(runId);

    const hidden = new Promise<Snapshot>((resolve) =>
      screen.on("live:snapshot", (s: Snapshot) => {
        if (!s.final) resolve(s);
      }),
    );
    await host.timeout(10_000).emitWithAck("host:final", { competitionId, show: false });
    expect((await hidden).final).toBeNull();
  });
});

describe("permission matrix (results)", () => {
  it("GET and POST: each role gets exactly what it may see and do", async () => {
    const USERS = ["visitor", "admin", "sec-chunhe", "judge1", "clerk1", "observer"] as const;
    type U = (typeof USERS)[number];
    const base = `/api/competitions/${competitionId}/results`;
    const gets: Array<[string, Partial<Record<U, number>>, number?]> = [
      [results(), { admin: 200, observer: 200 }],
      [`/admin/competitions/${competitionId}/live`, { admin: 200, observer: 200 }],
      [`${base}/scores.xlsx?draft=1`, { admin: 200, observer: 200 }, 403],
      [`${base}/tally.csv?draft=1`, { admin: 200, observer: 200 }, 403],
    ];
    const open = [`/p/${slug}/results`, base, `${base}/scores.csv`, `/screen/${slug}`];
    const failures: string[] = [];
    for (const u of USERS) {
      const b = new Browser(server.url);
      if (u !== "visitor") await b.login(u);
      for (const [route, allowed, visitor] of gets) {
        const status = (await b.fetch(route)).status;
        const expected = allowed[u] ?? (u === "visitor" ? (visitor ?? 302) : 403);
        if (status !== expected)
          failures.push(`${u} GET ${route}: ${status}, expected ${expected}`);
      }
      for (const route of open) {
        const status = (await b.fetch(route)).status;
        if (status !== 200) failures.push(`${u} GET ${route}: ${status}, expected 200`);
      }
      if (u !== "admin") {
        const status = (await b.post(results(), runForm({ reason: "试算" }))).status;
        const expected = u === "visitor" ? 302 : 403;
        if (status !== expected) failures.push(`${u} POST run: ${status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
