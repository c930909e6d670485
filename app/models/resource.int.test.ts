/**
 * 资源清单 on real PostgreSQL and PGlite: units keep to their own offers and contacts,
 * secretaries to their community's needs, partners to their service area; a claim is made once
 * per offer and need (also when two arrive at once); every change is in the audit log.
 */
import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, communities, needs, proposals, users } from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { seedDemo } from "../../seeds/seed";
import { verifyAuditLog } from "./audit.server";
import {
  claimableNeeds,
  createClaim,
  createOffer,
  createUnit,
  decideClaim,
  getUnit,
  listClaims,
  listOffers,
  proposalResources,
  ResourceError,
  updateOffer,
  withdrawClaim,
  type OfferInput,
  type ResourceUser,
} from "./resource.server";
import { createUser } from "./user.server";

const t = useTestDb();

async function asUser(username: string): Promise<ResourceUser> {
  const [u] = await t.db.select().from(users).where(eq(users.username, username));
  return u!;
}

async function communityId(name: string) {
  const [c] = await t.db.select().from(communities).where(eq(communities.name, name));
  return c!.id;
}

function offer(over: Partial<OfferInput> & { communityIds: number[] }): OfferInput {
  return {
    category: "legal",
    title: "法律咨询",
    description: "",
    capacity: "每月 2 次",
    status: "open",
    ...over,
  };
}

async function setup() {
  await seedDemo(t.db);
  const admin = await asUser("admin");
  const chunhe = await communityId("春和社区");
  const lanyuan = await communityId("兰园社区");
  const lawFirm = await createUnit(t.db, admin, {
    name: "测试律师事务所",
    type: "enterprise",
    description: "",
    contactName: "王律师",
    contactPhone: "13900000001",
    active: true,
  });
  const shop = await createUnit(t.db, admin, {
    name: "测试商户",
    type: "merchant",
    description: "",
    contactName: "李老板",
    contactPhone: "13900000002",
    active: true,
  });
  for (const [username, unitId] of [
    ["rs-law", lawFirm],
    ["rs-shop", shop],
  ] as const) {
    await createUser(
      t.db,
      { userId: admin.id, label: "admin (street_admin)" },
      {
        username,
        displayName: username,
        role: "partner",
        partnerUnitId: unitId,
        password: "password-123",
      },
    );
  }
  const law = await asUser("rs-law");
  const merchant = await asUser("rs-shop");
  // The law firm serves 春和 only; the shop serves 春和 and 兰园.
  const lawOffer = await createOffer(t.db, law, lawFirm, offer({ communityIds: [chunhe] }));
  const shopOffer = await createOffer(
    t.db,
    merchant,
    shop,
    offer({ category: "convenience", title: "上门维修", communityIds: [chunhe, lanyuan] }),
  );
  const [chunheNeed] = await t.db
    .select()
    .from(needs)
    .where(and(eq(needs.communityId, chunhe), ne(needs.status, "resolved")));
  const [lanyuanNeed] = await t.db.select().from(needs).where(eq(needs.communityId, lanyuan));
  const [chunheProposal] = await t.db
    .select()
    .from(proposals)
    .where(eq(proposals.communityId, chunhe));
  const [lanyuanProposal] = await t.db
    .select()
    .from(proposals)
    .where(eq(proposals.communityId, lanyuan));
  return {
    admin,
    law,
    merchant,
    lawFirm,
    shop,
    lawOffer,
    shopOffer,
    chunhe,
    lanyuan,
    chunheNeed: chunheNeed!,
    lanyuanNeed: lanyuanNeed!,
    chunheProposal: chunheProposal!,
    lanyuanProposal: lanyuanProposal!,
    secChunhe: await asUser("sec-chunhe"),
    secLanyuan: await asUser("sec-lanyuan"),
  };
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    if (error instanceof ResourceError) return error.code;
    throw error;
  }
  return null;
}

const claim = (offerId: number, needId: number) => ({
  offerId,
  needId,
  valueFen: 120_000,
  supportKind: "in_kind" as const,
  note: "每周六上午",
});

describe("resources by role", () => {
  it("a unit sees and edits only its own offers, and never another's contact", async () => {
    const s = await setup();
    const own = await listOffers(t.db, { unitId: s.law.partnerUnitId! });
    expect(own.map((o) => o.id)).toEqual([s.lawOffer]);
    // Offers carry no contact whoever lists them.
    expect(JSON.stringify(await listOffers(t.db))).not.toMatch(/13900000001|王律师|李老板/);
    expect(await getUnit(t.db, s.shop)).not.toHaveProperty("contactPhone");
    expect((await getUnit(t.db, s.shop, { withContact: true }))?.contactPhone).toBe("13900000002");

    expect(
      await refusal(updateOffer(t.db, s.law, s.shopOffer, offer({ communityIds: [s.chunhe] }))),
    ).toBe("notYourOffer");
    expect(
      await refusal(createOffer(t.db, s.law, s.shop, offer({ communityIds: [s.chunhe] }))),
    ).toBe("notYourOffer");
    expect(
      await refusal(createOffer(t.db, s.secChunhe, s.lawFirm, offer({ communityIds: [s.chunhe] }))),
    ).toBe("notYourOffer");
    await updateOffer(t.db, s.law, s.lawOffer, offer({ title: "免费法律咨询", communityIds: [] }));
    const [changed] = await listOffers(t.db, { unitId: s.lawFirm });
    expect(changed).toMatchObject({ title: "免费法律咨询", communityIds: [] });
  });

  it("a partner claims only inside its service area, with its own open offers", async () => {
    const s = await setup();
    const { needs: claimable } = await claimableNeeds(t.db, s.lawFirm);
    expect(new Set(claimable.map((n) => n.communityId))).toEqual(new Set([s.chunhe]));

    expect(await refusal(createClaim(t.db, s.law, claim(s.lawOffer, s.lanyuanNeed.id)))).toBe(
      "outsideArea",
    );
    expect(await refusal(createClaim(t.db, s.law, claim(s.shopOffer, s.chunheNeed.id)))).toBe(
      "notYourOffer",
    );
    const observer = await asUser("observer");
    expect(await refusal(createClaim(t.db, observer, claim(s.shopOffer, s.chunheNeed.id)))).toBe(
      "forbidden",
    );

    const id = await createClaim(t.db, s.law, {
      ...claim(s.lawOffer, s.chunheNeed.id),
      // A unit cannot link a proposal itself: the community decides.
      proposalId: s.chunheProposal.id,
    });
    const [row] = await listClaims(t.db, { unitId: s.lawFirm });
    expect(row).toMatchObject({
      id,
      kind: "claim",
      status: "proposed",
      proposalId: null,
      valueFen: 120_000,
    });

    await updateOffer(t.db, s.merchant, s.shopOffer, {
      ...offer({ category: "convenience", title: "上门维修", communityIds: [s.lanyuan] }),
      status: "closed",
    });
    expect(await refusal(createClaim(t.db, s.merchant, claim(s.shopOffer, s.lanyuanNeed.id)))).toBe(
      "offerClosed",
    );
  });

  it("refuses a second claim of one need with one offer, also when both arrive at once", async () => {
    const s = await setup();
    const both = await Promise.allSettled([
      createClaim(t.db, s.merchant, claim(s.shopOffer, s.chunheNeed.id)),
      createClaim(t.db, s.merchant, claim(s.shopOffer, s.chunheNeed.id)),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as ResourceError).code).toBe("duplicate");
    expect(await refusal(createClaim(t.db, s.merchant, claim(s.shopOffer, s.chunheNeed.id)))).toBe(
      "duplicate",
    );
    // Another offer may claim the same need; a withdrawn claim frees the pair.
    await createClaim(t.db, s.law, claim(s.lawOffer, s.chunheNeed.id));
    const [first] = await listClaims(t.db, { unitId: s.shop });
    await withdrawClaim(t.db, s.merchant, first!.id);
    await createClaim(t.db, s.merchant, claim(s.shopOffer, s.chunheNeed.id));
    const ours = (await listClaims(t.db, { communityId: s.chunhe })).filter((c) =>
      [s.lawFirm, s.shop].includes(c.unitId),
    );
    expect(ours.map((c) => c.status)).toEqual(["withdrawn", "proposed", "proposed"]);
  });

  it("the need's secretary confirms and links a proposal of the community; others may not", async () => {
    const s = await setup();
    const id = await createClaim(t.db, s.merchant, claim(s.shopOffer, s.chunheNeed.id));
    expect(await listClaims(t.db, { communityId: s.lanyuan })).toEqual([]);
    expect(await refusal(decideClaim(t.db, s.secLanyuan, id, { confirm: true }))).toBe(
      "notYourCommunity",
    );
    expect(await refusal(decideClaim(t.db, s.law, id, { confirm: true }))).toBe("notYourCommunity");
    expect(await refusal(withdrawClaim(t.db, s.law, id))).toBe("notYourOffer");
    expect(
      await refusal(
        decideClaim(t.db, s.secChunhe, id, { confirm: true, proposalId: s.lanyuanProposal.id }),
      ),
    ).toBe("proposalMismatch");
    // Not on the public page before it is confirmed and linked (the seed's match is).
    const seeded = (await proposalResources(t.db, s.chunheProposal.id)).length;
    expect(seeded).toBe(1);
    await decideClaim(t.db, s.secChunhe, id, { confirm: true, proposalId: s.chunheProposal.id });
    const chain = (await proposalResources(t.db, s.chunheProposal.id)).filter((r) => r.id === id);
    expect(chain).toEqual([
      {
        id,
        needTitle: s.chunheNeed.title,
        unitName: "测试商户",
        unitType: "merchant",
        offerTitle: "上门维修",
        category: "convenience",
        supportKind: "in_kind",
        valueFen: 120_000,
      },
    ]);
    expect(JSON.stringify(chain)).not.toContain("13900000002");
  });

  it("a secretary matches only their own community's needs, confirmed at once", async () => {
    const s = await setup();
    expect(await refusal(createClaim(t.db, s.secLanyuan, claim(s.lawOffer, s.chunheNeed.id)))).toBe(
      "notYourCommunity",
    );
    const id = await createClaim(t.db, s.secChunhe, {
      ...claim(s.lawOffer, s.chunheNeed.id),
      supportKind: "cofunding",
      proposalId: s.chunheProposal.id,
    });
    const row = (await listClaims(t.db, { communityId: s.chunhe })).find((c) => c.id === id);
    expect(row).toMatchObject({ kind: "match", status: "confirmed", supportKind: "cofunding" });
    expect((await proposalResources(t.db, s.chunheProposal.id)).map((r) => r.id)).toContain(id);
    // The street may match anywhere the offer serves.
    await createClaim(t.db, s.admin, claim(s.shopOffer, s.lanyuanNeed.id));
  });

  it("writes every change to the audit log, without contacts, in a sound chain", async () => {
    const s = await setup();
    const id = await createClaim(t.db, s.merchant, claim(s.shopOffer, s.chunheNeed.id));
    await decideClaim(t.db, s.secChunhe, id, { confirm: true, proposalId: s.chunheProposal.id });
    await withdrawClaim(t.db, s.secChunhe, id);
    const entries = await t.db.select().from(auditLog);
    const actions = entries.map((e) => e.action);
    for (const a of [
      "partner.create",
      "offer.create",
      "claim.claim",
      "claim.confirm",
      "claim.link",
      "claim.withdraw",
    ])
      expect(actions).toContain(a);
    expect(JSON.stringify(entries)).not.toMatch(/1390000000[12]|王律师|李老板/);
    const claimEntry = entries.find((e) => e.action === "claim.claim")!;
    expect(claimEntry).toMatchObject({
      actorUserId: s.merchant.id,
      subjectType: "claim",
      subjectId: String(id),
    });
    expect((await verifyAuditLog(t.db)).ok).toBe(true);
  });
});
