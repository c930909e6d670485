/**
 * 资源清单 over HTTP: every new route for every role (who may open, who is refused), forms that
 * refuse a bad intent with a message, and a partner's claim confirmed by the secretary and shown
 * on the public proposal page, with no private contact anywhere it should not be.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  communities,
  competitions,
  needs,
  partnerUnits,
  proposals,
  resourceClaims,
  resourceOfferCommunities,
  resourceOffers,
} from "../../db/schema";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const ids = {} as { shop: number; otherUnit: number; shopOffer: number; otherOffer: number };

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  const units = await db.select().from(partnerUnits);
  const shop = units.find((u) => u.name === "花山便民五金维修店")!;
  const other = units.find((u) => u.id !== shop.id)!;
  const [shopOffer] = await db
    .select()
    .from(resourceOffers)
    .where(eq(resourceOffers.unitId, shop.id));
  const [otherOffer] = await db
    .select()
    .from(resourceOffers)
    .where(eq(resourceOffers.unitId, other.id));
  Object.assign(ids, {
    shop: shop.id,
    otherUnit: other.id,
    shopOffer: shopOffer!.id,
    otherOffer: otherOffer!.id,
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const USERS = ["visitor", "admin", "sec-chunhe", "judge1", "clerk1", "observer", "partner-shop"];

async function as(username: string) {
  const b = new Browser(server.url);
  if (username !== "visitor") await b.login(username);
  return b;
}

describe("resources over HTTP", () => {
  it("opens each page to its roles only", { timeout: 120_000 }, async () => {
    const pages: Array<[string, Record<string, number>]> = [
      ["/admin/resources", { admin: 200, observer: 200 }],
      [`/admin/resources/units/${ids.shop}`, { admin: 200, observer: 200 }],
      ["/resources/match", { admin: 200, observer: 200, "sec-chunhe": 200 }],
      ["/secretary/resources", { "sec-chunhe": 200 }],
      ["/partner", { "partner-shop": 200 }],
      ["/partner/needs", { "partner-shop": 200 }],
      [`/partner/offers/${ids.shopOffer}`, { "partner-shop": 200 }],
      [`/admin/resources/offers/${ids.otherOffer}`, { admin: 200 }],
    ];
    const got: string[] = [];
    const want: string[] = [];
    for (const username of USERS) {
      const b = await as(username);
      for (const [path, allowed] of pages) {
        const res = await b.fetch(path);
        await res.arrayBuffer();
        got.push(`${username} ${path} ${res.status}`);
        want.push(
          `${username} ${path} ${allowed[username] ?? (username === "visitor" ? 302 : 403)}`,
        );
      }
    }
    expect(got).toEqual(want);
    // Another unit's offer does not exist for this partner.
    const partner = await as("partner-shop");
    expect((await partner.fetch(`/partner/offers/${ids.otherOffer}`)).status).toBe(404);
  });

  it("keeps the contact to the street and the unit itself", async () => {
    const admin = await (
      await (await as("admin")).fetch(`/admin/resources/units/${ids.shop}`)
    ).text();
    expect(admin).toContain("13871000001");
    const observer = await (
      await (await as("observer")).fetch(`/admin/resources/units/${ids.shop}`)
    ).text();
    expect(observer).not.toContain("13871000001");
    const partner = await (await (await as("partner-shop")).fetch("/partner")).text();
    expect(partner).toContain("13871000001");
    // Not another unit's contact (the law firm's and the hospital's phones).
    expect(partner).not.toMatch(/13871000003|027-87000002/);
    const match = await (await (await as("sec-chunhe")).fetch("/resources/match")).text();
    expect(match).not.toMatch(/1387100000\d|027-87/);
  });

  it("refuses what a role may not send", async () => {
    const partner = await as("partner-shop");
    // Someone else's offer, a secretary's intent, an unknown intent.
    const bad = await partner.post(`/partner/offers/${ids.otherOffer}`, { intent: "offer" });
    expect(bad.status).toBe(404);
    const unknown = await partner.post("/partner/needs", { intent: "confirm", claimId: "1" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("errors.unknownIntent");
    const secretary = await as("sec-chunhe");
    expect((await secretary.post("/partner/needs", { intent: "claim" })).status).toBe(403);
    const judge = await as("judge1");
    expect((await judge.post("/resources/match", { intent: "match" })).status).toBe(403);
    const observer = await as("observer");
    expect((await observer.post("/admin/resources", { intent: "unit", name: "x" })).status).toBe(
      403,
    );
  });

  it("lets the street edit any unit's offer, refusing a bad value with what was typed", async () => {
    const db = server.services.db;
    const admin = await as("admin");
    const [offer] = await db
      .select()
      .from(resourceOffers)
      .where(eq(resourceOffers.id, ids.otherOffer));
    const unitPage = await (await admin.fetch(`/admin/resources/units/${ids.otherUnit}`)).text();
    expect(unitPage).toContain(`/admin/resources/offers/${ids.otherOffer}`);
    const area = await db
      .select()
      .from(resourceOfferCommunities)
      .where(eq(resourceOfferCommunities.offerId, ids.otherOffer));
    const fields = {
      intent: "offer",
      title: "居民法律咨询(每月两次)",
      category: offer!.category,
      description: offer!.description,
      capacity: "每月两次",
      status: "open",
    };
    const form = (over: Record<string, string> = {}) =>
      new URLSearchParams([
        ...Object.entries({ ...fields, ...over }),
        ...area.map((a, i): [string, string] => [`communityIds[${i}]`, String(a.communityId)]),
      ]);
    const bad = await admin.post(
      `/admin/resources/offers/${ids.otherOffer}`,
      form({ category: "teleport" }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("居民法律咨询(每月两次)");
    const ok = await admin.post(`/admin/resources/offers/${ids.otherOffer}`, form());
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`/admin/resources/units/${ids.otherUnit}`);
    const [saved] = await db
      .select()
      .from(resourceOffers)
      .where(eq(resourceOffers.id, ids.otherOffer));
    expect(saved).toMatchObject({ title: "居民法律咨询(每月两次)", capacity: "每月两次" });
    expect((await admin.fetch("/admin/resources/offers/2147483647")).status).toBe(404);
    const observer = await as("observer");
    expect((await observer.post(`/admin/resources/offers/${ids.otherOffer}`, form())).status).toBe(
      403,
    );
    expect(
      await (
        await as("observer")
      )
        .fetch(`/admin/resources/units/${ids.otherUnit}`)
        .then((r) => r.text()),
    ).not.toContain(`/admin/resources/offers/${ids.otherOffer}`);
  });

  it("a merchant claims, the secretary confirms and links, the public page shows the chain", async () => {
    const db = server.services.db;
    const [chunhe] = await db.select().from(communities).where(eq(communities.name, "春和社区"));
    const [need] = await db
      .select()
      .from(needs)
      .where(and(eq(needs.communityId, chunhe!.id), eq(needs.title, "老旧单元门禁损坏")));
    const [proposal] = await db
      .select()
      .from(proposals)
      .where(eq(proposals.communityId, chunhe!.id));
    const [competition] = await db.select().from(competitions);

    const partner = await as("partner-shop");
    const claimForm = {
      intent: "claim",
      needId: String(need!.id),
      offerId: String(ids.shopOffer),
      value: "1,200.50",
      supportKind: "in_kind",
      note: "周六上门",
    };
    expect((await partner.post("/partner/needs", claimForm)).status).toBe(302);
    const again = await partner.post("/partner/needs", claimForm);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("resources.errors.duplicate");

    const [claim] = await db
      .select()
      .from(resourceClaims)
      .where(eq(resourceClaims.needId, need!.id));
    expect(claim).toMatchObject({ status: "proposed", valueFen: 120_050, kind: "claim" });

    const other = await as("sec-lanyuan");
    expect(
      (await other.post("/secretary/resources", { intent: "confirm", claimId: String(claim!.id) }))
        .status,
    ).toBe(400);
    const secretary = await as("sec-chunhe");
    const confirmed = await secretary.post("/secretary/resources", {
      intent: "confirm",
      claimId: String(claim!.id),
      proposalId: String(proposal!.id),
    });
    expect(confirmed.status).toBe(302);

    const page = await (
      await new Browser(server.url).fetch(`/p/${competition!.slug}/${proposal!.id}`)
    ).text();
    const chain = page.slice(page.indexOf('data-testid="resource-chain"'));
    expect(chain).toContain("花山便民五金维修店");
    expect(chain).toContain("1,200.50");
    expect(chain).toContain("老旧单元门禁损坏");
    expect(page).not.toMatch(/1387100000\d|张师傅/);
  });
});
