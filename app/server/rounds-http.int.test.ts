/**
 * Rounds compared over HTTP: the street's page (every round, charts as SVG with their tables,
 * readable without JavaScript) for the street and observers only, and the public page of a
 * published round showing only the published rounds of its chain.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, loggedIn, publishedDemoShow, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let admin: Browser;

beforeAll(async () => {
  server = await startTestServer();
  const show = await publishedDemoShow(server, {
    seed: "rounds-http",
    ballots: 12,
    stations: [{ community: "兰园社区", ballots: 9 }],
  });
  competitionId = show.competitionId;
  admin = show.admin;
  const made = await admin.post(`/admin/competitions/${competitionId}/next-round`, {
    intent: "nextRound",
    title: "花山街第二轮路演",
    slug: "huashan-2027",
    year: "2027",
    "totals.street": "600000",
    "totals.foundation": "100000",
  });
  if (made.status !== 302) throw new Error(`next round refused: ${made.status}`);
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe("/admin/rounds", () => {
  it("the street and observers see every round with charts and tables", async () => {
    for (const username of ["admin", "observer"]) {
      const b = username === "admin" ? admin : await loggedIn(server.url, username);
      const res = await b.fetch("/admin/rounds");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("各轮对比");
      expect(html).toContain("2026 · 第");
      expect(html).toContain("2027 · 第");
      expect(html).toContain("<svg");
      expect(html).toContain('data-testid="rounds-money-table"');
      expect(html).toContain('data-testid="rounds-turnout-table"');
      expect(html).toContain('data-testid="rounds-communities-table"');
      // 12 online ballots and 9 paper ones in round one.
      expect(html).toMatch(/线上选票<\/th><td[^>]*>12<\/td><td[^>]*>0<\/td>/);
      expect(html).toMatch(/纸质选票<\/th><td[^>]*>9<\/td><td[^>]*>0<\/td>/);
    }
    const chain = await (await admin.fetch(`/admin/rounds?competition=${competitionId}`)).text();
    expect(chain).toContain("2027 · 第");
  });

  it.each(["sec-chunhe", "judge1", "clerk1", "partner-shop"])("%s is refused", async (u) => {
    expect((await (await loggedIn(server.url, u)).fetch("/admin/rounds")).status).toBe(403);
  });

  it("an anonymous visitor is sent to sign in; a bad chain is a 404", async () => {
    expect((await new Browser(server.url).fetch("/admin/rounds")).status).toBe(302);
    expect((await admin.fetch("/admin/rounds?competition=x")).status).toBe(404);
    expect((await admin.fetch("/admin/rounds?competition=999999")).status).toBe(404);
  });
});

describe("/p/<slug>/rounds", () => {
  it("shows the published rounds of the chain only, without login", async () => {
    const res = await new Browser(server.url).fetch("/p/huashan-2026/rounds");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("2026 · 第");
    expect(html).not.toContain("2027 · 第");
    expect(html).toContain("<svg");
  });

  it("an unpublished round has no public comparison", async () => {
    expect((await new Browser(server.url).fetch("/p/huashan-2027/rounds")).status).toBe(404);
    expect((await new Browser(server.url).fetch("/p/nope/rounds")).status).toBe(404);
  });
});
