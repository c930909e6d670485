/**
 * The domain's closed vocabularies. Plain constants with no imports, so both the database
 * schema and the browser bundle can use them.
 */
export const ROLES = ["street_admin", "secretary", "judge", "clerk", "observer"] as const;
export type Role = (typeof ROLES)[number];

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

export const VOTE_RULES = ["approval", "budget"] as const;
export type VoteRule = (typeof VOTE_RULES)[number];

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
