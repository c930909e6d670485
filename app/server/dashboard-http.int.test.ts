/**
 * The 效果清单 over HTTP against the real server: who sees which page and export (the street
 * and observers everything, a secretary their own community, everyone the public page of a
 * published competition); the public page and its data carry nothing private; the charts are
 * SVG in the HTML; the exports parse (CSV rows = the page's table rows, the JSON's hash checks).
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communities, competitions, funds, partnerUnits, users } from "../../db/schema";
import { flushBallots } from "../models/ballot-box.server";
import { castBallot, getBallot, issueBatch } from "../models/ballot.server";
import { disburse, flagDelivery, getDelivery, recordSpending } from "../models/delivery.server";
import { createEvaluationRound, fundedProjects } from "../models/evaluation.server";
import { publishRun, runResults } from "../models/results.server";
import { actorOf } from "../models/user.server";
import { Browser, loggedIn, publishedDemoShow, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let slug: string;
let ownCommunity: { id: number; name: string };
let ownSecretary: string;
let privateTexts: string[];
/** The project paid a tranche (from its first fund only). */
let paidDelivery: number;
const FLAG_NOTE = "内部备注-不公开-7731";

const as = (username: string) => loggedIn(server.url, username);

/** The body as sent, its BOM kept (Response.text() drops it). */
async function rawText(res: Response) {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
}

function csvRows(text: string) {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1).trim(), { skipEmptyLines: true });
  return parsed.data;
}

const rowsOfTable = (html: string, id: string) => {
  const table = new RegExp(`data-testid="${id}-table"[\\s\\S]*?</table>`).exec(html)?.[0] ?? "";
  return [...table.matchAll(/data-row="([^"]+)"/g)].map((m) => m[1]!);
};

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  const show = await publishedDemoShow(server, {
    seed: "dashboard-http",
    ballots: 20,
    stations: [],
  });
  ({ competitionId, slug } = show);
  const d = show.delivered[0];
  const [street] = await db.select().from(users).where(eq(users.username, "admin"));
  const streetUser = { id: street!.id, username: "admin", role: street!.role, communityId: null };
  const detail = (await getDelivery(db, d!.id))!;
  paidDelivery = d!.id;
  await disburse(db, streetUser, d!.id, {
    fundId: detail.grants[0]!.fundId,
    amountFen: 123_456,
    paidOn: "2026-12-20",
    note: "首笔",
  });
  await flagDelivery(db, streetUser, d!.id, "risk", FLAG_NOTE);
  const [c] = await db.select().from(communities).where(eq(communities.id, d!.communityId));
  ownCommunity = { id: c!.id, name: c!.name };
  const secs = await db.select().from(users).where(eq(users.role, "secretary"));
  ownSecretary = secs.find((u) => u.communityId === ownCommunity.id)!.username;
  const units = await db.select().from(partnerUnits);
  const everyone = await db.select().from(users);
  privateTexts = [
    FLAG_NOTE,
    ...units.flatMap((u) => [u.contactName, u.contactPhone]).filter((s) => s.length > 2),
    ...everyone.map((u) => u.displayName).filter((s) => s.length > 1),
  ];
  // A competition without a published result has no public 效果清单.
  await db
    .insert(competitions)
    .values({ streetId: c!.streetId, slug: "dash-unpublished", title: "未公示", year: 2027 });
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe("效果清单 over HTTP", () => {
  it("lets each role see only its page and exports", async () => {
    const anon = new Browser(server.url);
    for (const path of [
      "/admin/dashboard",
      "/admin/dashboard/dashboard.csv",
      "/secretary/dashboard",
      "/secretary/dashboard/dashboard.json",
    ])
      expect((await anon.fetch(path)).status, path).toBe(302);
    for (const who of ["judge1", "clerk1", "partner-shop"]) {
      const b = await as(who);
      for (const path of [
        "/admin/dashboard",
        "/admin/dashboard/dashboard.csv",
        "/secretary/dashboard",
        "/secretary/dashboard/dashboard.xlsx",
      ])
        expect((await b.fetch(path)).status, `${who} ${path}`).toBe(403);
    }
    for (const who of ["admin", "observer"]) {
      const b = await as(who);
      expect((await b.fetch("/admin/dashboard")).status).toBe(200);
      expect((await b.fetch("/admin/dashboard/dashboard.csv")).status).toBe(200);
      expect((await b.fetch(`/admin/dashboard?competition=${competitionId}`)).status).toBe(200);
      expect((await b.fetch("/secretary/dashboard")).status).toBe(403);
      // Bad or unknown choices are 404s, never 500s.
      expect((await b.fetch("/admin/dashboard?competition=abc")).status).toBe(404);
      expect((await b.fetch("/admin/dashboard?competition=99999999")).status).toBe(404);
      expect((await b.fetch("/admin/dashboard/other.csv")).status).toBe(404);
    }
    const sec = await as(ownSecretary);
    expect((await sec.fetch("/secretary/dashboard")).status).toBe(200);
    expect((await sec.fetch("/admin/dashboard")).status).toBe(403);
    // Public: the published competition only.
    expect((await anon.fetch(`/p/${slug}/dashboard`)).status).toBe(200);
    expect((await anon.fetch(`/p/${slug}/dashboard/dashboard.json`)).status).toBe(200);
    expect((await anon.fetch("/p/dash-unpublished/dashboard")).status).toBe(404);
    expect((await anon.fetch("/p/dash-unpublished/dashboard/dashboard.csv")).status).toBe(404);
    expect((await anon.fetch("/p/no-such/dashboard")).status).toBe(404);
    expect((await anon.fetch(`/p/${slug}/dashboard/secret.txt`)).status).toBe(404);
  });

  it("shows the street every community with the charts as SVG and the same rows in the CSV", async () => {
    const admin = await as("admin");
    const html = await (await admin.fetch("/admin/dashboard")).text();
    // The charts are SVG files (one width per screen), not SVG inside the page.
    expect(html).not.toContain("<svg");
    const charts = [
      ...html.matchAll(/src(?:S|s)et="([^"]+\.svg[^"]*)"|src="([^"]+\.svg[^"]*)"/g),
    ].map((m) => (m[1] ?? m[2])!.replace(/&amp;/g, "&"));
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const src of charts) {
      const svg = await admin.fetch(src);
      expect(svg.status, src).toBe(200);
      expect(svg.headers.get("content-type")).toContain("image/svg+xml");
      expect(svg.headers.get("cache-control")).toBe("private, no-store");
      expect(await svg.text()).toMatch(/^<svg[\s\S]*<\/svg>$/);
    }
    // The street's page stays light: figures and tables, no drawings inline.
    expect(html.length).toBeLessThan(100_000);
    expect(html).toContain("尚未开展效果共评");
    const all = await server.services.db.select().from(communities);
    const rows = rowsOfTable(html, "needs");
    expect(rows).toHaveLength(all.length + 1);
    expect(rows.at(-1)).toBe("street");
    expect(rowsOfTable(html, "money")).toEqual(rows);

    const csv = await admin.fetch("/admin/dashboard/dashboard.csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const [header, ...data] = csvRows(await rawText(csv));
    expect(data).toHaveLength(rows.length);
    expect(data.map((r) => r[0])).toEqual([
      ...all.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id).map((c) => c.name),
      "全街道合计",
    ]);
    const paidCol = header!.indexOf("已拨付(元)");
    expect(paidCol).toBeGreaterThan(0);
    expect(data.at(-1)![paidCol]).toBe("1234.56");
    expect(data.find((r) => r[0] === ownCommunity.name)![paidCol]).toBe("1234.56");
    // The street's row is the sum of the communities', column by column (not the 效果共评 ones).
    for (let i = 1; i < header!.length - 4; i++) {
      const sum = data.slice(0, -1).reduce((s, r) => s + Math.round(Number(r[i]) * 100), 0);
      expect(Math.round(Number(data.at(-1)![i]) * 100), header![i]).toBe(sum);
    }

    const xlsx = await admin.fetch("/admin/dashboard/dashboard.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(["效果清单", "项目清单"]);
    expect(book.worksheets[0]!.rowCount).toBe(rows.length + 1);
  });

  it("gives a secretary only their community, page and files", async () => {
    const sec = await as(ownSecretary);
    const html = await (await sec.fetch("/secretary/dashboard")).text();
    expect(rowsOfTable(html, "needs")).toEqual([String(ownCommunity.id)]);
    expect(html).not.toContain("全街道合计");
    const others = await server.services.db.select().from(communities);
    for (const c of others.filter((x) => x.id !== ownCommunity.id))
      expect(html.includes(`>${c.name}<`), c.name).toBe(false);
    const [, ...data] = csvRows(
      await rawText(await sec.fetch("/secretary/dashboard/dashboard.csv")),
    );
    expect(data.map((r) => r[0])).toEqual([ownCommunity.name]);
    const json = (await (await sec.fetch("/secretary/dashboard/dashboard.json")).json()) as {
      data: { communities: Array<{ communityId: number }>; street: unknown; scope: string };
    };
    expect(json.data.scope).toBe("community");
    expect(json.data.communities.map((c) => c.communityId)).toEqual([ownCommunity.id]);
    expect(json.data.street).toBeNull();
  });

  it("the public page and its open data carry no private data, and the hash checks", async () => {
    const anon = new Browser(server.url);
    const html = await (await anon.fetch(`/p/${slug}/dashboard`)).text();
    expect(html).not.toContain("<svg");
    const chart = await anon.fetch(`/p/${slug}/dashboard/chart-needs-narrow.svg`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get("cache-control")).toBe("public, max-age=30");
    expect(chart.headers.get("content-security-policy")).toContain("default-src 'none'");
    const drawn = await chart.text();
    expect(drawn).toContain("<svg");
    for (const text of privateTexts) expect(drawn.includes(text), text).toBe(false);
    expect((await anon.fetch(`/p/${slug}/dashboard/chart-other-wide.svg`)).status).toBe(404);
    expect((await anon.fetch(`/p/dash-unpublished/dashboard/chart-needs-wide.svg`)).status).toBe(
      404,
    );
    const res = await anon.fetch(`/p/${slug}/dashboard/dashboard.json`);
    const body = await res.text();
    const csv = await rawText(await anon.fetch(`/p/${slug}/dashboard/dashboard.csv`));
    for (const text of privateTexts) {
      expect(html.includes(text), text).toBe(false);
      expect(body.includes(text), text).toBe(false);
      expect(csv.includes(text), text).toBe(false);
    }
    const json = JSON.parse(body) as { dataHash: string; data: { projects: unknown[] } };
    const hash = createHash("sha256")
      .update(canonicalize(json.data) ?? "", "utf8")
      .digest("hex");
    expect(json.dataHash).toBe(hash);
    expect(res.headers.get("x-data-hash")).toBe(hash);
    expect(json.data.projects.length).toBeGreaterThan(0);
    // The CSV has the page's rows.
    expect(csvRows(csv).length - 1).toBe(rowsOfTable(html, "needs").length);
  });

  it("spending per fund (allocated, said so) and an approval round's figures instead of 尚未开展效果共评", async () => {
    const db = server.services.db;
    const [street] = await db.select().from(users).where(eq(users.username, "admin"));
    const admin = actorOf(street!);
    // 100 元 spent on the project the first fund paid alone: that fund's, exactly.
    const d = { id: paidDelivery };
    const detail = (await getDelivery(db, d!.id))!;
    const [sec] = await db.select().from(users).where(eq(users.username, ownSecretary));
    await recordSpending(
      db,
      { id: sec!.id, username: sec!.username, role: sec!.role, communityId: sec!.communityId },
      d!.id,
      {
        budgetLineId: detail.budgetLines[0]!.id,
        amountFen: 10_000,
        spentOn: "2026-12-28",
        description: "物资",
        receipts: [],
      },
    );
    const [fund] = await db.select().from(funds).where(eq(funds.id, detail.grants[0]!.fundId));

    // An approval round over three funded projects, two ballots, published.
    const funded = (await fundedProjects(db, competitionId))!.slice(0, 3).map((f) => f.id);
    const roundId = await createEvaluationRound(db, admin, {
      evaluatesId: competitionId,
      title: "最满意的项目",
      slug: "dash-http-best",
      rule: "approval",
      approvalMaxChoices: 2,
      verificationMode: "token",
      votingOpensAt: null,
      votingClosesAt: new Date(Date.now() + 3600_000),
      items: funded,
    });
    const { tokens } = await issueBatch(db, admin, {
      competitionId: roundId,
      name: "卡",
      communityId: null,
      count: 2,
    });
    await getBallot(db, roundId, true);
    await castBallot(db, tokens[0]!.token, [funded[0]!, funded[1]!]);
    await castBallot(db, tokens[1]!.token, [funded[0]!]);
    await db
      .update(competitions)
      .set({ votingClosesAt: new Date(Date.now() - 1000) })
      .where(eq(competitions.id, roundId));
    await flushBallots(db, { competitionId: roundId, minBatch: 0 });
    const run = await runResults(db, admin, roundId, { kind: "evaluation" }, "");
    await publishRun(db, admin, roundId, run.id, {
      startsAt: new Date(Date.now() - 1000),
      endsAt: new Date(Date.now() + 7 * 24 * 3600_000),
    });

    const anon = new Browser(server.url);
    const html = await (await anon.fetch(`/p/${slug}/dashboard`)).text();
    expect(html).not.toContain("尚未开展效果共评");
    expect(html).toContain("选出最满意的项目,来自已公示的:");
    expect(html).toContain('href="/p/dash-http-best/results"');
    expect(rowsOfTable(html, "approval")).toEqual(rowsOfTable(html, "needs"));
    expect(html).toContain(`${fund!.name}已支出(分摊)`);
    expect(html).toContain("目前每个有支出的项目都只有一种资金拨付");

    const [header, ...data] = csvRows(
      await rawText(await anon.fetch(`/p/${slug}/dashboard/dashboard.csv`)),
    );
    const col = (name: string) => header!.indexOf(name);
    expect(data.at(-1)![col(`${fund!.name}已支出(分摊)(元)`)]).toBe("100.00");
    expect(data.at(-1)![col("已支出(元)")]).toBe("100.00");
    // 3 picks of 3 projects by 2 ballots: 50 %.
    expect(data.at(-1)![col("选为最满意(票)")]).toBe("3");
    expect(data.at(-1)![col("得票率(%)")]).toBe("50");
    const json = (await (await anon.fetch(`/p/${slug}/dashboard/dashboard.json`)).json()) as {
      data: { evaluatedBy: unknown; street: { approval: unknown } };
    };
    expect(json.data.evaluatedBy).toEqual({ rating: false, approval: true });
    expect(json.data.street.approval).toEqual({
      approvals: 3,
      projects: 3,
      ballots: 2,
      share: { num: 3, den: 6 },
    });
  });
});
