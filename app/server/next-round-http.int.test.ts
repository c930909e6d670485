/**
 * 新一轮 over HTTP, as a browser without JavaScript sends it: who may see and send the form (every
 * role), bad input answered 400 with the message beside the field and what was typed kept, and a
 * second submit of the same form creating no second round.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { competitions, proposals, users } from "../../db/schema";
import { Browser, loggedIn, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let admin: Browser;

const db = () => server.services.db;
const page = () => `/admin/competitions/${competitionId}/next-round`;
const as = (username: string) => loggedIn(server.url, username);

const GOOD = {
  intent: "nextRound",
  title: "花山街2027年社区书记路演",
  slug: "huashan-2027",
  year: "2027",
  "totals.street": "600,000",
  "totals.foundation": "120000.50",
};

async function refused(res: Response, ...messages: string[]) {
  expect(res.status).toBe(400);
  const html = await res.text();
  for (const m of messages) expect(html).toContain(m);
  return html;
}

const nextRounds = () =>
  db()
    .select({ id: competitions.id, slug: competitions.slug })
    .from(competitions)
    .where(eq(competitions.previousCompetitionId, competitionId));

beforeAll(async () => {
  server = await startTestServer();
  const [first] = await db()
    .select({ id: competitions.id })
    .from(competitions)
    .where(eq(competitions.slug, "huashan-2026"));
  competitionId = first!.id;
  admin = await as("admin");
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe("新一轮 permissions", () => {
  it("the street admin sees the form", async () => {
    const res = await admin.fetch(page());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("创建新一轮");
    expect(html).toContain('value="huashan-2027"');
    expect(html).toContain('value="2027"');
  });

  it("an observer sees the page without the form and cannot send it", async () => {
    const observer = await as("observer");
    const res = await observer.fetch(page());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("只有街道管理员可以创建新一轮");
    expect(html).not.toContain('name="totals.street"');
    expect((await observer.post(page(), GOOD)).status).toBe(403);
  });

  it.each(["sec-chunhe", "judge1", "clerk1", "partner-shop"])("%s is refused", async (username) => {
    const b = await as(username);
    expect((await b.fetch(page())).status).toBe(403);
    expect((await b.post(page(), GOOD)).status).toBe(403);
  });

  it("an anonymous visitor is sent to sign in", async () => {
    const anon = new Browser(server.url);
    const res = await anon.fetch(page());
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("/login");
    expect((await anon.post(page(), GOOD)).status).toBe(302);
    expect(await nextRounds()).toEqual([]);
  });
});

describe("新一轮 bad input", () => {
  it("an empty title", async () => {
    const html = await refused(await admin.post(page(), { ...GOOD, title: "" }), "请填写");
    expect(html).toContain('value="huashan-2027"');
  });

  it("a negative or non-numeric total", async () => {
    const neg = await refused(
      await admin.post(page(), { ...GOOD, "totals.street": "-5" }),
      "金额不能为负数",
    );
    expect(neg).toContain('value="-5"');
    const word = await refused(
      await admin.post(page(), { ...GOOD, "totals.foundation": "十万" }),
      "金额格式不正确",
    );
    expect(word).toContain('value="十万"');
    expect(await nextRounds()).toEqual([]);
  });

  it("a slug already used, an unknown intent", async () => {
    const html = await refused(
      await admin.post(page(), { ...GOOD, slug: "huashan-2026", title: "第二轮试一下" }),
      "该网址标识已被使用",
    );
    expect(html).toContain('value="第二轮试一下"');
    await refused(await admin.post(page(), { ...GOOD, intent: "explode" }), "无法识别的操作");
    expect(await nextRounds()).toEqual([]);
  });

  it("creates the round once; the same form sent again is refused", async () => {
    const res = await admin.post(page(), GOOD);
    expect(res.status).toBe(302);
    const rounds = await nextRounds();
    expect(rounds).toHaveLength(1);
    expect(res.headers.get("Location")).toBe(`/admin/competitions/${rounds[0]!.id}`);
    const again = await refused(await admin.post(page(), GOOD), "该网址标识已被使用");
    expect(again).toContain('value="花山街2027年社区书记路演"');
    expect(await nextRounds()).toHaveLength(1);
    // Each draft from last round's unfinished needs is in its secretary's list.
    const drafts = await db()
      .select({ title: proposals.title, communityId: proposals.communityId })
      .from(proposals)
      .where(eq(proposals.competitionId, rounds[0]!.id));
    expect(drafts.length).toBeGreaterThan(0);
    const [secretary] = await db()
      .select({ username: users.username })
      .from(users)
      .where(eq(users.communityId, drafts[0]!.communityId));
    const list = await (await (await as(secretary!.username)).fetch("/secretary/proposals")).text();
    expect(list).toContain(drafts[0]!.title);
    // The page now links the round it made instead of the form.
    const after = await (await admin.fetch(page())).text();
    expect(after).toContain("本轮已创建过新一轮");
  });
});
