/**
 * The domain's closed vocabularies. Plain constants with no imports, so both the database
 * schema and the browser bundle can use them.
 */
export const ROLES = [
  "street_admin",
  "secretary",
  "judge",
  "clerk",
  "observer",
  /** 共建单位: a partner unit's login, linked to one unit (users.partner_unit_id). */
  "partner",
] as const;
export type Role = (typeof ROLES)[number];
/** Roles the user pages give; a partner login is given from its unit's page (it needs a unit). */
export const ASSIGNABLE_ROLES = ROLES.filter((r): r is Exclude<Role, "partner"> => r !== "partner");

/** Who watches the live show: the big screen (public), the host console, the judges' tablets. */
export const LIVE_AUDIENCES = ["screen", "host", "judge"] as const;
export type LiveAudience = (typeof LIVE_AUDIENCES)[number];

export const COMPETITION_PHASES = [
  "draft",
  "accepting",
  "review",
  "roadshow",
  "voting",
  "results",
  "closed",
] as const;
export type CompetitionPhase = (typeof COMPETITION_PHASES)[number];

export const PROPOSAL_STATUSES = [
  "draft",
  "submitted",
  "returned",
  "resubmitted",
  "accepted",
  "rejected",
  "withdrawn",
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const NEED_STATUSES = ["open", "in_proposal", "resolved"] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** 议事会, 走访, 线上征集, 12345 热线, 网格员, 其他 */
export const NEED_SOURCES = ["council", "visit", "online", "hotline", "grid", "other"] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];

export const FUND_KINDS = ["street", "foundation"] as const;
export type FundKind = (typeof FUND_KINDS)[number];

/**
 * approval: pick up to K; budget: pick within a budget; rating: 满意度 1–5 per project (效果共评
 * rounds only, an item may be left unrated).
 */
export const VOTE_RULES = ["approval", "budget", "rating"] as const;
export type VoteRule = (typeof VOTE_RULES)[number];

/** A competition proper (路演), or a 效果共评 round judging the funded projects of another. */
export const COMPETITION_KINDS = ["contest", "evaluation"] as const;
export type CompetitionKind = (typeof COMPETITION_KINDS)[number];

/** A resident's comment in a 效果共评 round: published only once the street approves it. */
export const COMMENT_STATUSES = ["pending", "approved", "rejected"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const VERIFICATION_MODES = ["token", "registry", "both"] as const;
export type VerificationMode = (typeof VERIFICATION_MODES)[number];
/** What a resident must show on the registry path besides name + phone. */
export const REGISTRY_PROOFS = ["id_number", "sms_code"] as const;
export type RegistryProof = (typeof REGISTRY_PROOFS)[number];

export const JUDGE_AGGREGATIONS = ["trimmed_mean", "mean", "zscore"] as const;
export type JudgeAggregation = (typeof JUDGE_AGGREGATIONS)[number];

export const PARTNER_TYPES = [
  "university",
  "enterprise",
  "social_org",
  "community",
  "other",
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** What a micro-project is about; funds may be limited to some categories. */
export const PROJECT_CATEGORIES = [
  "elderly",
  "children",
  "youth",
  "neighbourhood",
  "governance",
  "environment",
  "culture",
  "safety",
  "other",
] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

export const RESULT_STATUSES = ["draft", "published", "superseded"] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

// ── 资源清单: partner units, their offers, claims and matches ─────────────────────────────

/** 共建单位的类别: 高校/院系, 企业, 商户, 医院, 社会组织, 人大代表/政协委员, 其他. */
export const PARTNER_UNIT_TYPES = [
  "university",
  "enterprise",
  "merchant",
  "hospital",
  "social_org",
  "deputy",
  "other",
] as const;
export type PartnerUnitType = (typeof PARTNER_UNIT_TYPES)[number];

/** 资源类别: 便民服务, 法律服务, 教育服务, 医疗健康, 资金支持, 场地, 志愿者, 专业技术, 其他. */
export const RESOURCE_CATEGORIES = [
  "convenience",
  "legal",
  "education",
  "health",
  "funding",
  "venue",
  "volunteers",
  "expertise",
  "other",
] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

export const OFFER_STATUSES = ["open", "closed"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** 认领 by the unit itself, or 对接 (match) made by a secretary or the street. */
export const CLAIM_KINDS = ["claim", "match"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_STATUSES = ["proposed", "confirmed", "withdrawn"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** What the value of a claim is: 实物/服务折价 (in kind) or 配套资金 (co-funding). */
export const SUPPORT_KINDS = ["in_kind", "cofunding"] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

/** 任务清单: where a funded project stands (未开始 / 进行中 / 逾期 / 已完成 / 已终止). */
export const DELIVERY_STATUSES = [
  "not_started",
  "in_progress",
  "late",
  "done",
  "terminated",
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What a delivery file is: a progress photo (public) or a spending receipt (staff only). */
export const DELIVERY_FILE_KINDS = ["photo", "receipt"] as const;
export type DeliveryFileKind = (typeof DELIVERY_FILE_KINDS)[number];

/** 一社一品: a brand's theme (儿童友好 / 老年友好 / 睦邻友好 / 青年友好 / 其他). */
export const BRAND_THEMES = ["child", "elder", "neighbour", "youth", "other"] as const;
export type BrandTheme = (typeof BRAND_THEMES)[number];

/** Where a brand stands: 培育中 (growing) or 成熟 (mature, may be promoted street-wide). */
export const BRAND_STATUSES = ["growing", "mature"] as const;
export type BrandStatus = (typeof BRAND_STATUSES)[number];
