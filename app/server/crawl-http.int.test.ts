/**
 * Every page, for every role, over HTTP against the real server: each response body must be clean
 * UTF-8 text with no U+0000 (React 18.3's Node streaming renderer wrote NUL bytes where a Chinese
 * character did not fit at the end of its 2 KB buffer, react#31134) and no U+FFFD.
 *
 * The crawl starts from each role's pages (with ids from the seeded, simulated and published show)
 * and follows every same-origin link it finds, so a new page is covered as soon as it is linked.
 */
import { desc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, competitions, needs, pollingStations, proposals, users } from "../../db/schema";
import { flushBallots } from "../models/ballot-box.server";
import { castBallot, issueBatch } from "../models/ballot.server";
import {
  createEvaluationRound,
  fundedProjects,
  listComments,
  moderateComments,
} from "../models/evaluation.server";
import { issueJudgeCodes } from "../models/judge-login.server";
import { publishRun, runResults } from "../models/results.server";
import { Browser, publishedDemoShow, startTestServer } from "../testing/server";
import { formatDateTimeSeconds } from "../utils/datetime";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let slug: string;
let stationId: number;
let proposalIds: number[];
let needIds: number[];
let userIds: number[];
/** The published result's 任务清单: every delivery, and one of sec-chunhe's community. */
let deliveryIds: number[];
let ownDeliveryId: number;
let ballotToken: string;
let judgeToken: string;
let receipt: string;
/** A published 效果共评 round over the show's funded projects (rating mode). */
let roundId: number;
let roundSlug: string;
let roundToken: string;

const MAX_PAGES = 400;
/** Links that change state on GET or leave the page's language: not part of the crawl. */
const SKIP = [/^\/logout/, /^\/language/, /^\/build\//, /^\/files\//, /^\/favicon/];
const BINARY = /spreadsheetml|application\/pdf|^image\/|application\/zip|octet-stream/;

interface Visit {
  path: string;
  /** The page whose link led here (none for the role's start pages). */
  from?: string;
  status: number;
  bad: string[];
  /** Where the page's POST forms send their data. */
  posts?: string[];
}

function badCharacters(text: string) {
  const found: string[] = [];
  for (const ch of ["\u0000", "\uFFFD"]) {
    let at = text.indexOf(ch);
    while (at !== -1 && found.length < 3) {
      const near = text.slice(Math.max(0, at - 30), at + 30).replaceAll("\u0000", "␀");
      found.push(
        `U+${ch.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()} near «${near}»`,
      );
      at = text.indexOf(ch, at + 1);
    }
  }
  return found;
}

/** Where the page's POST forms that can be submitted (they have a submit button) send data. */
function postFormsOf(html: string, base: string) {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)]
    .filter(([, attrs, inner]) => {
      if (!/method="post"/i.test(attrs!)) return false;
      const buttons = [...inner!.matchAll(/<button\b[^>]*>|<input\b[^>]*type="submit"[^>]*>/g)];
      return buttons.some(([tag]) => !/type="button"/.test(tag));
    })
    .map(([, attrs]) => {
      const action = /action="([^"]*)"/.exec(attrs!)?.[1]?.replace(/&amp;/g, "&") ?? "";
      const url = new URL(action, base);
      return url.pathname + url.search;
    });
}

function linksOf(html: string, base: string) {
  const out: string[] = [];
  for (const m of html.matchAll(/\s(?:href|action)="([^"#]*)(?:#[^"]*)?"/g)) {
    const raw = m[1]!.replace(/&amp;/g, "&");
    if (!raw || /^(mailto|tel|javascript|data):/i.test(raw)) continue;
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      continue;
    }
    if (url.origin !== new URL(base).origin) continue;
    out.push(url.pathname + url.search);
  }
  return out;
}

async function crawl(browser: Browser, start: string[]) {
  const seen = new Set<string>();
  const queue: Array<{ path: string; from?: string }> = start.map((path) => ({ path }));
  const visits: Visit[] = [];
  while (queue.length && visits.length < MAX_PAGES) {
    const { path, from } = queue.shift()!;
    if (seen.has(path) || SKIP.some((r) => r.test(path))) continue;
    seen.add(path);
    const res = await browser.fetch(path);
    const type = res.headers.get("Content-Type") ?? "";
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get("Location");
      if (location) {
        const url = new URL(location, server.url);
        if (url.origin === new URL(server.url).origin)
          queue.push({ path: url.pathname + url.search, from: path });
      }
      await res.arrayBuffer();
      visits.push({ path, from, status: res.status, bad: [] });
      continue;
    }
    if (BINARY.test(type)) {
      await res.arrayBuffer();
      visits.push({ path, from, status: res.status, bad: [] });
      continue;
    }
    const text = new TextDecoder("utf-8").decode(await res.arrayBuffer());
    const html = type.includes("html");
    visits.push({
      path,
      from,
      status: res.status,
      bad: badCharacters(text),
      posts: html && res.status === 200 ? postFormsOf(text, server.url + path) : [],
    });
    if (res.status < 500 && html)
      queue.push(...linksOf(text, server.url + path).map((link) => ({ path: link, from: path })));
  }
  return visits;
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  // A published result, so the public 公示 page and the exports have content.
  const show = await publishedDemoShow(server, {
    seed: "crawl-http",
    ballots: 40,
    stations: [{ community: "兰园社区", ballots: 10 }],
  });
  ({ competitionId, slug } = show);
  receipt = show.receipts[0]!;
  const [station] = await db
    .select()
    .from(pollingStations)
    .where(eq(pollingStations.competitionId, competitionId));
  stationId = station!.id;
  proposalIds = (await db.select({ id: proposals.id }).from(proposals)).map((p) => p.id);
  needIds = (await db.select({ id: needs.id }).from(needs)).map((n) => n.id);
  userIds = (await db.select({ id: users.id }).from(users)).map((u) => u.id);
  const actor = { userId: null, label: "crawl-test" };
  const batch = await issueBatch(db, actor, {
    competitionId,
    name: "巡检",
    communityId: null,
    count: 2,
  });
  ballotToken = batch.tokens[0]!.token;
  judgeToken = (await issueJudgeCodes(db, actor, competitionId)).cards[0]!.token;

  const { delivered } = show;
  deliveryIds = delivered.map((d) => d.id);
  const [sec] = await db.select().from(users).where(eq(users.username, "sec-chunhe"));
  ownDeliveryId = (delivered.find((d) => d.communityId === sec!.communityId) ?? delivered[0])!.id;

  // 效果共评: a round over the funded projects, one rating with a comment, approved, published.
  const funded = (await fundedProjects(db, competitionId))!.map((f) => f.id);
  roundSlug = `${slug}-eval`;
  roundId = await createEvaluationRound(db, actor, {
    evaluatesId: competitionId,
    title: "效果共评(巡检)",
    slug: roundSlug,
    rule: "rating",
    approvalMaxChoices: 3,
    verificationMode: "token",
    votingOpensAt: null,
    votingClosesAt: new Date(Date.now() + 3600_000),
    items: funded,
  });
  const roundCards = await issueBatch(db, actor, {
    competitionId: roundId,
    name: "共评卡",
    communityId: null,
    count: 2,
  });
  roundToken = roundCards.tokens[1]!.token;
  await castBallot(db, roundCards.tokens[0]!.token, [funded[0]!], {
    ratings: [5],
    comments: [{ proposalId: funded[0]!, body: "巡检留言" }],
  });
  await db
    .update(competitions)
    .set({ votingClosesAt: new Date(Date.now() - 1000) })
    .where(eq(competitions.id, roundId));
  await flushBallots(db, { competitionId: roundId });
  const comments = await listComments(db, roundId);
  await moderateComments(
    db,
    actor,
    roundId,
    comments.map((m) => m.id),
    "approved",
  );
  const run = await runResults(db, actor, roundId, { kind: "evaluation" }, "");
  await publishRun(db, actor, roundId, run.id, {
    startsAt: new Date(Date.now() - 1000),
    endsAt: new Date(Date.now() + 7 * 86400_000),
  });
  // Its cards still open a ballot page (voting closed: the page says so).
  await db
    .update(competitions)
    .set({ votingClosesAt: new Date(Date.now() + 3600_000), phase: "voting" })
    .where(eq(competitions.id, roundId));
}, 180_000);
afterAll(async () => {
  await server?.close();
});

function publicPages() {
  return [
    "/",
    "/login",
    `/p/${slug}`,
    ...proposalIds.map((id) => `/p/${slug}/${id}`),
    `/p/${slug}/results`,
    `/p/${slug}/dashboard`,
    `/p/${slug}/results?receipt=${receipt}`,
    `/p/${slug}/receipt`,
    `/screen/${slug}`,
    `/vote/${slug}`,
    `/v/${ballotToken}`,
    `/j/${judgeToken}`,
    `/api/competitions/${competitionId}/results`,
    `/api/competitions/${competitionId}/ballots.pb`,
    `/p/${roundSlug}`,
    `/p/${roundSlug}/results`,
    `/v/${roundToken}`,
    `/api/competitions/${roundId}/results`,
    `/api/competitions/${roundId}/results/evaluation.csv`,
    `/api/competitions/${roundId}/tally`,
  ];
}

const c = () => `/admin/competitions/${competitionId}`;
const ROLES: Array<{
  role: string;
  username?: string;
  start: () => string[];
  must: () => string[];
}> = [
  {
    role: "street admin",
    username: "admin",
    start: () => [
      "/admin",
      "/admin/competitions",
      "/admin/competitions/new",
      c(),
      `${c()}/criteria`,
      `${c()}/funds`,
      `${c()}/judges`,
      `${c()}/judge-cards`,
      `${c()}/proposals`,
      `${c()}/live`,
      `${c()}/voting`,
      `${c()}/cards`,
      `${c()}/results`,
      `${c()}/deliveries`,
      ...deliveryIds.map((id) => `${c()}/deliveries/${id}`),
      `${c()}/evaluations/new`,
      `${c()}/stations/${stationId}`,
      `/admin/competitions/${competitionId}/paper-ballot`,
      `/admin/competitions/${roundId}`,
      `/admin/competitions/${roundId}/voting`,
      `/admin/competitions/${roundId}/comments`,
      `/admin/competitions/${roundId}/evaluation`,
      "/admin/needs",
      "/admin/resources",
      "/resources/match",
      "/admin/dashboard",
      `/admin/dashboard?competition=${competitionId}`,
      "/admin/sandbox",
      "/admin/brands",
      "/admin/users",
      "/admin/users/new",
      ...userIds.map((id) => `/admin/users/${id}`),
      ...proposalIds.map((id) => `/proposals/${id}`),
      "/audit",
      "/me/password",
      ...publicPages(),
    ],
    must: () => [
      "/admin",
      c(),
      `${c()}/funds`,
      `${c()}/results`,
      `${c()}/deliveries`,
      `${c()}/deliveries/${deliveryIds[0]}`,
      `${c()}/evaluations/new`,
      `${c()}/stations/${stationId}`,
      `/admin/competitions/${roundId}/comments`,
      `/admin/competitions/${roundId}/evaluation`,
      "/admin/users",
      `/admin/users/${userIds[0]}`,
      `/proposals/${proposalIds[0]}`,
      "/audit",
      "/admin/dashboard",
      "/admin/brands",
    ],
  },
  {
    role: "secretary",
    username: "sec-chunhe",
    start: () => [
      "/secretary",
      "/secretary/needs",
      "/secretary/proposals",
      "/secretary/resources",
      "/resources/match",
      "/secretary/deliveries",
      "/secretary/dashboard",
      ...deliveryIds.map((id) => `/secretary/deliveries/${id}`),
      ...needIds.map((id) => `/secretary/needs/${id}`),
      ...proposalIds.map((id) => `/secretary/proposals/${id}`),
      ...proposalIds.map((id) => `/secretary/proposals/${id}/deck`),
      "/me/password",
      ...publicPages(),
    ],
    must: () => [
      "/secretary",
      "/secretary/needs",
      "/secretary/proposals",
      "/secretary/resources",
      "/resources/match",
      "/secretary/deliveries",
      `/secretary/deliveries/${ownDeliveryId}`,
      "/secretary/dashboard",
    ],
  },
  {
    role: "judge",
    username: "judge1",
    start: () => ["/judge", `/judge/live/${competitionId}`, "/me/password", ...publicPages()],
    must: () => ["/judge", `/judge/live/${competitionId}`],
  },
  {
    role: "clerk",
    username: "clerk1",
    start: () => [
      "/clerk",
      `/clerk/${competitionId}`,
      `/clerk/${competitionId}/${stationId}`,
      "/me/password",
      ...publicPages(),
    ],
    must: () => ["/clerk", `/clerk/${competitionId}`],
  },
  {
    role: "observer",
    username: "observer",
    start: () => [
      "/observer",
      "/audit",
      "/admin/competitions",
      "/admin/resources",
      "/resources/match",
      c(),
      `${c()}/results`,
      `${c()}/voting`,
      `${c()}/deliveries`,
      ...deliveryIds.map((id) => `${c()}/deliveries/${id}`),
      `/admin/competitions/${roundId}/voting`,
      `/admin/competitions/${roundId}/comments`,
      `/admin/competitions/${roundId}/evaluation`,
      ...proposalIds.map((id) => `/proposals/${id}`),
      "/admin/dashboard",
      "/admin/sandbox",
      "/me/password",
      ...publicPages(),
    ],
    must: () => [
      "/observer",
      "/audit",
      `${c()}/deliveries`,
      `${c()}/deliveries/${deliveryIds[0]}`,
      "/admin/dashboard",
      "/admin/brands",
    ],
  },
  {
    role: "partner",
    username: "partner-shop",
    start: () => ["/partner", "/partner/needs", "/me/password", ...publicPages()],
    must: () => ["/partner", "/partner/needs"],
  },
  {
    role: "anonymous",
    start: publicPages,
    must: () => [
      "/",
      "/login",
      `/p/${slug}`,
      `/p/${slug}/results`,
      `/p/${slug}/dashboard`,
      `/screen/${slug}`,
      `/p/${roundSlug}/results`,
      `/v/${roundToken}`,
    ],
  },
];

/**
 * What an observer may send: signing out, the audit chain check, their own password, and what
 * any visitor may (an objection on the public results page, a judge card's PIN page).
 */
// Forms an observer may use: their own account, the audit check, and the public pages any
// resident uses (the receipt check, judge and card sign-in, the card-code page /v).
const OBSERVER_POSTS = [
  /^\/logout$/,
  /^\/audit(\?|$)/,
  /^\/me\/password$/,
  /^\/p\//,
  /^\/j\//,
  /^\/v(\?index)?$/,
  // A ballot card's own page (public: whoever holds the card votes; the 效果共评 round's is open).
  /^\/v\/[^/?]+$/,
];

describe("every page for every role", () => {
  for (const r of ROLES) {
    it(`${r.role}: no U+0000 or U+FFFD in any response`, { timeout: 240_000 }, async () => {
      const browser = new Browser(server.url);
      if (r.username) await browser.login(r.username);
      const visits = await crawl(browser, r.start());
      const byPath = new Map(visits.map((v) => [v.path, v]));
      for (const p of r.must()) expect(byPath.get(p)?.status, p).toBe(200);
      expect(visits.filter((v) => v.status >= 500).map((v) => v.path)).toEqual([]);
      // A link on a page leads somewhere.
      const broken = visits.filter((v) => v.from && v.status === 404);
      expect(broken.map((v) => `${v.from} → ${v.path}`)).toEqual([]);
      // Nor to a page this role may not open: controls a role cannot use are not shown.
      const refused = visits.filter((v) => v.from && v.status === 403);
      expect(refused.map((v) => `${v.from} → ${v.path}`)).toEqual([]);
      const dirty = visits.filter((v) => v.bad.length).map((v) => `${v.path}: ${v.bad.join("; ")}`);
      expect(dirty).toEqual([]);
      expect(visits.length).toBeGreaterThan(r.username ? 15 : 10);
    });
  }

  it("observer: no edit controls (forms that would end in 403)", { timeout: 240_000 }, async () => {
    const browser = new Browser(server.url);
    await browser.login("observer");
    const observer = ROLES.find((r) => r.username === "observer")!;
    const visits = await crawl(browser, observer.start());
    const forms = visits.flatMap((v) =>
      (v.posts ?? [])
        .filter((action) => !OBSERVER_POSTS.some((r) => r.test(action)))
        .map((action) => `${v.path}: form → ${action}`),
    );
    expect(forms).toEqual([]);
  });

  it("audit log and history speak words: actions, roles, subjects, Beijing time", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const html = await (await admin.fetch("/audit")).text();
    // What people read: the table (the page's data for hydration keeps the stored codes).
    const page = html.slice(html.indexOf("<table"), html.indexOf("</table>"));
    expect(page).toContain("北京时间(UTC+8)");
    expect(page).toContain("admin(街道管理员)");
    expect(page).toContain("公示结果");
    expect(page).not.toMatch(/\((street_admin|secretary|judge|clerk|observer|partner)\)/);
    expect(page).not.toMatch(/>(competition|proposal|user)#\d+</);
    // Times are Beijing time on the server too (the test server runs in whatever zone it has).
    const [latest] = await server.services.db
      .select()
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(page).toContain(formatDateTimeSeconds(latest!.createdAt));
    expect(page).toContain(`dateTime="${latest!.createdAt.toISOString()}"`);

    const history = await (await admin.fetch(`/proposals/${proposalIds[0]}`)).text();
    const start = history.indexOf('data-testid="history"');
    expect(start).toBeGreaterThan(0);
    const list = history.slice(start, history.indexOf("</ol>", start));
    expect(list).toContain("示例数据导入(已通过)");
    expect(list).toContain("系统");
    expect(list).not.toMatch(/proposal\.[a-z_]+/);
  });

  it("published XLSX: every score, vote and amount is a number cell", async () => {
    const anon = new Browser(server.url);
    const res = await anon.fetch(`/api/competitions/${competitionId}/results/allocation.xlsx`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const numericColumns = header
      .map((h, i) => ({ h, col: i + 1 }))
      .filter(({ h }) => /评委分|得票|居民分|综合分|申请|资助|合计/.test(h));
    expect(numericColumns.length).toBeGreaterThanOrEqual(9);
    const notNumbers: string[] = [];
    // Project rows (the last row is the total, where some cells are empty on purpose).
    for (let r = 2; r < sheet.rowCount; r++) {
      for (const { h, col } of numericColumns) {
        const cell = sheet.getRow(r).getCell(col);
        if (cell.type !== ExcelJS.ValueType.Number) notNumbers.push(`${h} row ${r}: ${cell.text}`);
      }
    }
    expect(notNumbers).toEqual([]);
  });

  it("a receipt check answers where the resident typed it, with or without JavaScript", async () => {
    const anon = new Browser(server.url);
    const html = await (await anon.fetch(`/p/${slug}/results?receipt=${receipt}`)).text();
    // The check form sends the browser back to its own section (a GET keeps the fragment).
    expect(html).toMatch(new RegExp(`<form method="get" action="/p/${slug}/results#receipt"`));
    const section = html.slice(html.indexOf('id="receipt"'));
    const answer = section.slice(section.indexOf('data-testid="receipt-answer"'));
    expect(answer.slice(0, 400)).toContain(`回执码 ${receipt} 对应的选票已被计入`);
  });
});
