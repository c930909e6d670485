/**
 * 一社一品 brands over HTTP against the real server: who may read and change the street's brand
 * pages (every role), the forms' refusals in words beside the fields, and the public brand page:
 * both published rounds, not the unpublished one, nothing private, 404s for unknown or malformed
 * ids, and the links to it from the public pages that show a brand's name.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brandHonours, brands, communities, partnerUnits, proposals, users } from "../../db/schema";
import { COMPETITION } from "../../seeds/demo-data";
import { PREVIOUS_ROUND, seedRound } from "../../seeds/previous-round";
import { listAuditEntries } from "../models/audit.server";
import { Browser, loggedIn, publishedDemoShow, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let brandId: number;
let otherBrandId: number;
let honourId: number;
const THIRD_TITLE = "第三轮路演-未公示";

const as = (username: string) => loggedIn(server.url, username);

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  await seedRound(db, PREVIOUS_ROUND);
  await publishedDemoShow(server, { seed: "brands-http", ballots: 20, stations: [] });
  await seedRound(db, {
    slug: "brands-third",
    title: THIRD_TITLE,
    year: COMPETITION.year + 1,
    titleOf: (t) => `${t}(三期)`,
    publish: false,
  });
  const [b] = await db
    .select({ id: brands.id })
    .from(brands)
    .innerJoin(communities, eq(communities.id, brands.communityId))
    .where(eq(communities.name, "白羊山社区"));
  brandId = b!.id;
  const [o] = await db
    .select({ id: brands.id })
    .from(brands)
    .innerJoin(communities, eq(communities.id, brands.communityId))
    .where(eq(communities.name, "兰园社区"));
  otherBrandId = o!.id;
  const [h] = await db.select().from(brandHonours).where(eq(brandHonours.brandId, brandId));
  honourId = h!.id;
}, 240_000);
afterAll(async () => {
  await server?.close();
});

describe("brands over HTTP", () => {
  it("lets the street edit, observers read, and refuses every other role", async () => {
    const pages = ["/admin/brands", `/admin/brands/${brandId}`];
    const anon = new Browser(server.url);
    for (const path of pages) expect((await anon.fetch(path)).status, path).toBe(302);
    expect((await anon.post(`/admin/brands/${brandId}`, { intent: "growing" })).status).toBe(302);
    for (const who of ["judge1", "clerk1", "partner-shop", "sec-baiyangshan"]) {
      const b = await as(who);
      for (const path of pages) expect((await b.fetch(path)).status, `${who} ${path}`).toBe(403);
      const post = await b.post(`/admin/brands/${brandId}`, {
        intent: "profile",
        theme: "other",
      });
      expect(post.status, `${who} post`).toBe(403);
    }
    const observer = await as("observer");
    for (const path of pages) expect((await observer.fetch(path)).status, path).toBe(200);
    const read = await (await observer.fetch(`/admin/brands/${brandId}`)).text();
    expect(read).toContain("白羊山儿童友好型社区");
    expect(read).toContain("只读");
    expect(read).not.toContain('value="profile"');
    expect(
      (await observer.post(`/admin/brands/${brandId}`, { intent: "profile", theme: "other" }))
        .status,
    ).toBe(403);
    const admin = await as("admin");
    const list = await (await admin.fetch("/admin/brands")).text();
    expect(list).toContain("白羊山儿童友好型社区");
    expect(list).toContain("儿童友好");
    expect(list).toContain("老年友好");
    const page = await (await admin.fetch(`/admin/brands/${brandId}`)).text();
    expect(page).toContain('value="profile"');
    // The street sees the unpublished round too.
    expect(page).toContain(THIRD_TITLE);
    for (const path of ["/admin/brands/99999999", "/admin/brands/abc", "/admin/brands/1.5"])
      expect((await admin.fetch(path)).status, path).toBe(404);
    expect((await admin.post("/admin/brands/99999999", { intent: "growing" })).status).toBe(404);
  });

  it("saves the street's changes, audited, and refuses bad input in words beside the fields", async () => {
    const admin = await as("admin");
    const path = `/admin/brands/${otherBrandId}`;
    const saved = await admin.post(path, {
      intent: "profile",
      theme: "elder",
      tagline: "兰馨颐养",
      governancePath: "低龄助高龄互助小组",
      story: "从一张适老化清单开始。",
    });
    expect(saved.status).toBe(302);
    const refusals: Array<[Record<string, string>, string, string?]> = [
      [
        { intent: "mature", maturedOn: "2026-13-45", promotedTo: "全街道推广" },
        "请输入有效日期",
        "全街道推广",
      ],
      [{ intent: "mature", maturedOn: "2026-06-30", promotedTo: "" }, "请填写此项"],
      [{ intent: "honour", title: "市级示范", awardedBy: "", year: "abc" }, "1949", "市级示范"],
      [{ intent: "honour", title: "", awardedBy: "某单位", year: "2026" }, "请填写此项", "某单位"],
      [{ intent: "profile", theme: "space" }, "请选择有效的选项"],
      [{ intent: "removeHonour", honourId: "99999999" }, "该荣誉不存在"],
      [{ intent: "growing" }, "该品牌不是成熟状态"],
      [{ intent: "nonsense" }, "无法识别的操作"],
    ];
    for (const [form, message, kept] of refusals) {
      const res = await admin.post(path, form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      const body = await res.text();
      expect(body, JSON.stringify(form)).toContain(message);
      if (kept) expect(body).toContain(kept);
    }
    expect(
      (await admin.post(path, { intent: "mature", maturedOn: "2026-06-30", promotedTo: "全街道" }))
        .status,
    ).toBe(302);
    expect(
      (await admin.post(path, { intent: "honour", title: "市级示范", awardedBy: "", year: "2026" }))
        .status,
    ).toBe(302);
    const db = server.services.db;
    const [row] = await db.select().from(brands).where(eq(brands.id, otherBrandId));
    expect(row).toMatchObject({
      theme: "elder",
      governancePath: "低龄助高龄互助小组",
      status: "mature",
      maturedOn: "2026-06-30",
      promotedTo: "全街道",
    });
    const honours = await db
      .select()
      .from(brandHonours)
      .where(eq(brandHonours.brandId, otherBrandId));
    expect(honours.map((h) => h.title)).toEqual(["市级示范"]);
    // Another brand's honour is not this brand's to remove.
    const foreign = await admin.post(path, { intent: "removeHonour", honourId: String(honourId) });
    expect(foreign.status).toBe(400);
    expect(
      (await admin.post(path, { intent: "removeHonour", honourId: String(honours[0]!.id) })).status,
    ).toBe(302);
    const actions = (
      await listAuditEntries(db, { subjectType: "brand", subjectId: String(otherBrandId) })
    ).map((e) => e.action);
    expect(actions.sort()).toEqual(
      ["brand.honourAdd", "brand.honourRemove", "brand.mature", "brand.update"].sort(),
    );
  });

  it("shows the public brand page: both published rounds, not the unpublished one, nothing private", async () => {
    const anon = new Browser(server.url);
    const res = await anon.fetch(`/brands/${brandId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("白羊山儿童友好型社区");
    expect(html).toContain("儿童友好");
    expect(html).toContain("高新区首届社会创新大赛杰出公益项目");
    expect(html).toContain("儿童议事会提案");
    expect(html).toContain(PREVIOUS_ROUND.title);
    expect(html).toContain(COMPETITION.title);
    expect(html).not.toContain(THIRD_TITLE);
    expect(html).not.toContain("(三期)");
    expect((html.match(/data-testid="brand-round"/g) ?? []).length).toBe(2);
    const db = server.services.db;
    const units = await db.select().from(partnerUnits);
    const people = await db.select().from(users);
    const privateTexts = [
      ...units.flatMap((u) => [u.contactName, u.contactPhone]).filter((s) => s.length > 2),
      ...people.map((u) => u.displayName).filter((s) => s.length > 1),
      ...people.map((u) => u.passwordHash),
    ];
    for (const text of privateTexts) expect(html, text).not.toContain(text);
    for (const path of ["/brands/99999999", "/brands/abc", "/brands/-1", "/brands/99999999999"])
      expect((await anon.fetch(path)).status, path).toBe(404);
  });

  it("links the brand from the public pages that show its name", async () => {
    const anon = new Browser(server.url);
    const [p] = await server.services.db
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.brandId, brandId), eq(proposals.status, "accepted")))
      .orderBy(proposals.id)
      .limit(1);
    const link = `href="/brands/${brandId}"`;
    const proposalPage = await (await anon.fetch(`/p/${COMPETITION.slug}/${p!.id}`)).text();
    expect(proposalPage).toContain(link);
    expect(await (await anon.fetch(`/p/${COMPETITION.slug}`)).text()).toContain(link);
    expect(await (await anon.fetch(`/p/${COMPETITION.slug}/results`)).text()).toContain(link);
  });
});
