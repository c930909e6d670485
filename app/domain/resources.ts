/**
 * 资源清单: who may put which offer to which need, and how well an offer fits a need.
 *
 * Claims and matches:
 *
 *   actor          may create                      on
 *   ─────────────  ──────────────────────────────  ─────────────────────────────────────────────
 *   partner        a claim (认领)                  an open offer of its own unit
 *   secretary      a match (对接)                  any open offer, for a need of own community
 *   street_admin   a match (对接)                  any open offer, any need
 *   anyone else    nothing
 *
 *   and always: the unit is active, the need is not resolved, and the need's community is in
 *   the offer's service area (a unit said where it serves; nobody books it elsewhere).
 *
 * Deciding (confirm, link to a proposal): the need's community's secretary or the street.
 * Withdrawing: the claim's own unit, the need's community's secretary, or the street.
 * A claim linked to a proposal names a proposal of the need's community.
 *
 * Fit (the matching view): an offer serves the need's community or it does not fit at all;
 * among those, one whose category is one of the need's categories fits best. A need's categories
 * are read from its words (needs carry no category of their own: they come from residents, the
 * hotline and CSV imports), by the keyword table below.
 */
import type { NeedStatus, OfferStatus, ResourceCategory, Role } from "./enums";

export interface ResourceActor {
  role: Role;
  communityId: number | null;
  partnerUnitId: number | null;
}

export interface OfferFacts {
  unitId: number;
  unitActive: boolean;
  status: OfferStatus;
  communityIds: readonly number[];
}

interface NeedFacts {
  communityId: number;
  status: NeedStatus;
}

export type ClaimRefusal =
  | "forbidden"
  | "notYourOffer"
  | "notYourCommunity"
  | "offerClosed"
  | "unitInactive"
  | "needResolved"
  | "outsideArea";

/** Why this actor may not put this offer to this need (null: they may), and as what. */
export function claimRefusal(
  actor: ResourceActor,
  offer: OfferFacts,
  need: NeedFacts,
): ClaimRefusal | null {
  if (actor.role === "partner") {
    if (actor.partnerUnitId === null || actor.partnerUnitId !== offer.unitId) return "notYourOffer";
  } else if (actor.role === "secretary") {
    if (actor.communityId === null || actor.communityId !== need.communityId)
      return "notYourCommunity";
  } else if (actor.role !== "street_admin") {
    return "forbidden";
  }
  if (!offer.unitActive) return "unitInactive";
  if (offer.status !== "open") return "offerClosed";
  if (need.status === "resolved") return "needResolved";
  if (!offer.communityIds.includes(need.communityId)) return "outsideArea";
  return null;
}

/** A partner claims (认领); the street and secretaries match (对接). */
export function claimKindFor(role: Role): "claim" | "match" {
  return role === "partner" ? "claim" : "match";
}

/** May this actor confirm a claim on a need of this community, or link it to a proposal? */
export function mayDecide(actor: ResourceActor, needCommunityId: number) {
  if (actor.role === "street_admin") return true;
  return actor.role === "secretary" && actor.communityId === needCommunityId;
}

/** May this actor withdraw this claim? */
export function mayWithdraw(
  actor: ResourceActor,
  claim: { unitId: number; needCommunityId: number },
) {
  if (actor.role === "partner") return actor.partnerUnitId === claim.unitId;
  return mayDecide(actor, claim.needCommunityId);
}

/** Which offers' private contact this actor may read: the street all, a unit its own. */
export function maySeeContact(actor: ResourceActor, unitId: number) {
  if (actor.role === "street_admin") return true;
  return actor.role === "partner" && actor.partnerUnitId === unitId;
}

/** Words that tell what kind of help a need asks for. */
const KEYWORDS: Record<Exclude<ResourceCategory, "other">, readonly string[]> = {
  convenience: [
    "维修",
    "修理",
    "理发",
    "家政",
    "便民",
    "快递",
    "充电",
    "配送",
    "开锁",
    "门禁",
    "损坏",
    "缝补",
    "磨刀",
  ],
  legal: ["法律", "律师", "纠纷", "合同", "调解", "维权", "诉讼", "遗嘱", "欠薪", "物业费"],
  education: [
    "课堂",
    "辅导",
    "作业",
    "学习",
    "培训",
    "讲座",
    "教育",
    "四点半",
    "托管",
    "读书",
    "兴趣班",
  ],
  health: ["健康", "义诊", "体检", "医", "护理", "康复", "血压", "慢病", "心理", "养老", "老人"],
  funding: ["资金", "经费", "捐赠", "募捐", "赞助"],
  venue: ["场地", "活动室", "空间", "会议室", "场所", "广场"],
  volunteers: ["志愿", "陪伴", "探访", "巡逻", "看护", "帮扶", "独居"],
  expertise: ["设计", "改造", "规划", "技术", "监测", "加装电梯", "智能", "网络", "摄影"],
};

/** The categories a need's words point to (none found: none). */
export function needCategories(need: { title: string; description: string }) {
  const text = `${need.title} ${need.description}`;
  return (Object.keys(KEYWORDS) as Array<keyof typeof KEYWORDS>).filter((c) =>
    KEYWORDS[c].some((word) => text.includes(word)),
  );
}

interface Fit {
  /** 0: does not serve the community; 1: serves it; 2: serves it in a category the need asks. */
  score: 0 | 1 | 2;
  sameCommunity: boolean;
  sameCategory: boolean;
}

export function offerFit(
  offer: { category: ResourceCategory; communityIds: readonly number[] },
  need: { communityId: number; title: string; description: string },
): Fit {
  const sameCommunity = offer.communityIds.includes(need.communityId);
  const sameCategory = needCategories(need).some((c) => c === offer.category);
  const score = !sameCommunity ? 0 : sameCategory ? 2 : 1;
  return { score, sameCommunity, sameCategory };
}

/** The offers that fit a need, best first (ties: the order given). Offers that do not fit are left out. */
export function rankOffers<
  O extends { category: ResourceCategory; communityIds: readonly number[] },
>(offers: readonly O[], need: { communityId: number; title: string; description: string }) {
  return offers
    .map((offer, i) => ({ offer, fit: offerFit(offer, need), i }))
    .filter((x) => x.fit.score > 0)
    .sort((a, b) => b.fit.score - a.fit.score || a.i - b.i)
    .map(({ offer, fit }) => ({ offer, fit }));
}
