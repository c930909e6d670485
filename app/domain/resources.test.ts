import { describe, expect, it } from "vitest";
import type { Role } from "./enums";
import {
  claimKindFor,
  claimRefusal,
  mayDecide,
  maySeeContact,
  mayWithdraw,
  needCategories,
  offerFit,
  rankOffers,
  type OfferFacts,
  type ResourceActor,
} from "./resources";

const actor = (role: Role, over: Partial<ResourceActor> = {}): ResourceActor => ({
  role,
  communityId: null,
  partnerUnitId: null,
  ...over,
});
const offer: OfferFacts = { unitId: 7, unitActive: true, status: "open", communityIds: [1, 2] };
const need = { communityId: 1, status: "open" as const };

describe("claimRefusal", () => {
  it("a unit claims with its own open offer inside its service area", () => {
    expect(claimRefusal(actor("partner", { partnerUnitId: 7 }), offer, need)).toBeNull();
    expect(claimRefusal(actor("partner", { partnerUnitId: 8 }), offer, need)).toBe("notYourOffer");
    expect(claimRefusal(actor("partner"), offer, need)).toBe("notYourOffer");
    expect(
      claimRefusal(actor("partner", { partnerUnitId: 7 }), offer, { ...need, communityId: 3 }),
    ).toBe("outsideArea");
  });

  it("a secretary matches only needs of their own community", () => {
    expect(claimRefusal(actor("secretary", { communityId: 1 }), offer, need)).toBeNull();
    expect(claimRefusal(actor("secretary", { communityId: 2 }), offer, need)).toBe(
      "notYourCommunity",
    );
  });

  it("the street matches any need the offer serves; other roles nothing", () => {
    expect(claimRefusal(actor("street_admin"), offer, need)).toBeNull();
    expect(claimRefusal(actor("street_admin"), offer, { ...need, communityId: 9 })).toBe(
      "outsideArea",
    );
    for (const role of ["judge", "clerk", "observer"] as Role[])
      expect(claimRefusal(actor(role, { communityId: 1, partnerUnitId: 7 }), offer, need)).toBe(
        "forbidden",
      );
  });

  it("closed offers, inactive units and resolved needs take no claims", () => {
    const unit = actor("partner", { partnerUnitId: 7 });
    expect(claimRefusal(unit, { ...offer, status: "closed" }, need)).toBe("offerClosed");
    expect(claimRefusal(unit, { ...offer, unitActive: false }, need)).toBe("unitInactive");
    expect(claimRefusal(unit, offer, { ...need, status: "resolved" })).toBe("needResolved");
    expect(claimRefusal(unit, offer, { ...need, status: "in_proposal" })).toBeNull();
  });

  it("a partner claims, everyone else matches", () => {
    expect(claimKindFor("partner")).toBe("claim");
    expect(claimKindFor("secretary")).toBe("match");
    expect(claimKindFor("street_admin")).toBe("match");
  });
});

describe("deciding, withdrawing, contacts", () => {
  it("the need's secretary or the street decide", () => {
    expect(mayDecide(actor("street_admin"), 3)).toBe(true);
    expect(mayDecide(actor("secretary", { communityId: 3 }), 3)).toBe(true);
    expect(mayDecide(actor("secretary", { communityId: 4 }), 3)).toBe(false);
    expect(mayDecide(actor("partner", { partnerUnitId: 3 }), 3)).toBe(false);
    expect(mayDecide(actor("observer"), 3)).toBe(false);
  });

  it("a unit withdraws only its own claims", () => {
    const claim = { unitId: 7, needCommunityId: 3 };
    expect(mayWithdraw(actor("partner", { partnerUnitId: 7 }), claim)).toBe(true);
    expect(mayWithdraw(actor("partner", { partnerUnitId: 8 }), claim)).toBe(false);
    expect(mayWithdraw(actor("secretary", { communityId: 3 }), claim)).toBe(true);
    expect(mayWithdraw(actor("judge"), claim)).toBe(false);
  });

  it("a contact is the street's and the unit's own", () => {
    expect(maySeeContact(actor("street_admin"), 7)).toBe(true);
    expect(maySeeContact(actor("partner", { partnerUnitId: 7 }), 7)).toBe(true);
    expect(maySeeContact(actor("partner", { partnerUnitId: 8 }), 7)).toBe(false);
    expect(maySeeContact(actor("observer"), 7)).toBe(false);
    expect(maySeeContact(actor("secretary", { communityId: 1 }), 7)).toBe(false);
  });
});

describe("fit of an offer to a need", () => {
  const legal = { category: "legal" as const, communityIds: [1] };
  const health = { category: "health" as const, communityIds: [1, 2] };
  const venue = { category: "venue" as const, communityIds: [2] };

  it("reads a need's categories from its words", () => {
    expect(needCategories({ title: "独居老人缺少陪伴", description: "" })).toEqual([
      "health",
      "volunteers",
    ]);
    expect(needCategories({ title: "邻里纠纷多", description: "希望有律师咨询" })).toEqual([
      "legal",
    ]);
    expect(needCategories({ title: "路灯不亮", description: "" })).toEqual([]);
  });

  it("serving the community first, then the category", () => {
    const n = { communityId: 1, title: "物业费纠纷需要法律咨询", description: "" };
    expect(offerFit(legal, n)).toEqual({ score: 2, sameCommunity: true, sameCategory: true });
    expect(offerFit(health, n)).toEqual({ score: 1, sameCommunity: true, sameCategory: false });
    expect(offerFit(venue, n)).toEqual({ score: 0, sameCommunity: false, sameCategory: false });
    expect(rankOffers([health, venue, legal], n).map((r) => r.offer)).toEqual([legal, health]);
  });
});
