/**
 * Small things every page owes its readers, over HTTP against the real server: the demo password
 * only in demo mode, a partner's type that starts empty and must be chosen.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { competitions } from "../../db/schema";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;

beforeAll(async () => {
  server = await startTestServer();
  const [c] = await server.services.db.select().from(competitions);
  competitionId = c!.id;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

describe("login page", () => {
  it("shows the demo password where the demo accounts are created", async () => {
    const page = await (await new Browser(server.url).fetch("/login")).text();
    expect(page).toContain("huashan2026");
  });

  it("never shows it where they are not (SEED_DEMO=never, production on PostgreSQL)", async () => {
    const bare = await startTestServer({ env: { SEED_DEMO: "never" }, keepData: true });
    try {
      const res = await new Browser(bare.url).fetch("/login");
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain("用户名");
      expect(page).not.toContain("huashan2026");
    } finally {
      await bare.close();
    }
  });
});

describe("a proposal's partners", () => {
  it("start with an empty type, and a type must be chosen", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const created = await sec.post("/secretary/proposals", {
      intent: "create",
      competitionId: String(competitionId),
      title: "共建测试",
    });
    expect(created.status).toBe(302);
    const path = created.headers.get("Location")!;
    const page = decode(await (await sec.fetch(path)).text());
    // The "add partner" button (it works without JavaScript too) adds a row with no type.
    expect(page).toMatch(/"partnerType":""/);
    expect(page).not.toMatch(/"partnerType":"university"/);

    const res = await sec.post(path, {
      intent: "save",
      title: "共建测试",
      "cofunding[0].partnerName": "华中科技大学",
      "cofunding[0].partnerType": "",
      "cofunding[0].amount": "1,000",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请选择共建单位的类型");
    expect(html).toContain("华中科技大学");
    expect(html).toContain("请选择类型");
  });
});
