/**
 * The database schema (drizzle). One schema for both drivers: real PostgreSQL through
 * `postgres` and embedded PGlite. Money is always integer 分 (fen) in bigint columns.
 * Migrations are generated from this file by drizzle-kit into db/migrations.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import {
  COMPETITION_PHASES,
  DELIVERY_FILE_KINDS,
  DELIVERY_STATUSES,
  FUND_KINDS,
  JUDGE_AGGREGATIONS,
  NEED_SOURCES,
  NEED_STATUSES,
  PARTNER_TYPES,
  PROJECT_CATEGORIES,
  PROPOSAL_STATUSES,
  RESULT_STATUSES,
  ROLES,
  VERIFICATION_MODES,
  REGISTRY_PROOFS,
  VOTE_RULES,
  PARTNER_UNIT_TYPES,
  RESOURCE_CATEGORIES,
  OFFER_STATUSES,
  CLAIM_KINDS,
  CLAIM_STATUSES,
  SUPPORT_KINDS,
  COMPETITION_KINDS,
  COMMENT_STATUSES,
  BRAND_THEMES,
  BRAND_STATUSES,
} from "../app/domain/enums";
import type { EvaluationConfig, EvaluationOutput } from "../app/domain/evaluation";
import type { LiveState } from "../app/domain/pitch-machine";
import type { ReviewNotes } from "../app/domain/proposal-flow";
import type { ResultConfig, ResultOutput } from "../app/domain/results";

export * from "../app/domain/enums";

const createdAt = () =>
  timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();
/** Money: integer 分, never a float. Safe in JS numbers up to 2^53 分 (≈ 90 万亿元). */
const fen = (name: string) => bigint(name, { mode: "number" });

export const roleEnum = pgEnum("role", ROLES);

export const competitionPhaseEnum = pgEnum("competition_phase", COMPETITION_PHASES);

export const proposalStatusEnum = pgEnum("proposal_status", PROPOSAL_STATUSES);

export const needStatusEnum = pgEnum("need_status", NEED_STATUSES);

export const needSourceEnum = pgEnum("need_source", NEED_SOURCES);

export const fundKindEnum = pgEnum("fund_kind", FUND_KINDS);

export const voteRuleEnum = pgEnum("vote_rule", VOTE_RULES);

export const verificationModeEnum = pgEnum("verification_mode", VERIFICATION_MODES);

export const registryProofEnum = pgEnum("registry_proof", REGISTRY_PROOFS);

export const judgeAggregationEnum = pgEnum("judge_aggregation", JUDGE_AGGREGATIONS);

export const partnerTypeEnum = pgEnum("partner_type", PARTNER_TYPES);

export const projectCategoryEnum = pgEnum("project_category", PROJECT_CATEGORIES);

export const resultStatusEnum = pgEnum("result_status", RESULT_STATUSES);

export const partnerUnitTypeEnum = pgEnum("partner_unit_type", PARTNER_UNIT_TYPES);

export const resourceCategoryEnum = pgEnum("resource_category", RESOURCE_CATEGORIES);

export const offerStatusEnum = pgEnum("offer_status", OFFER_STATUSES);

export const claimKindEnum = pgEnum("claim_kind", CLAIM_KINDS);

export const claimStatusEnum = pgEnum("claim_status", CLAIM_STATUSES);

export const supportKindEnum = pgEnum("support_kind", SUPPORT_KINDS);

export const competitionKindEnum = pgEnum("competition_kind", COMPETITION_KINDS);

export const commentStatusEnum = pgEnum("comment_status", COMMENT_STATUSES);

export const brandThemeEnum = pgEnum("brand_theme", BRAND_THEMES);

export const brandStatusEnum = pgEnum("brand_status", BRAND_STATUSES);

// ── Places ──────────────────────────────────────────────────────────────────────────────

export const streets = pgTable("streets", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  district: text("district").notNull().default(""),
  createdAt: createdAt(),
});

/**
 * A community (社区). Its brand_* columns are the brand as first typed; the brand itself (and
 * any later one) is a row of `brands`.
 */
export const communities = pgTable(
  "communities",
  {
    id: serial("id").primaryKey(),
    streetId: integer("street_id")
      .notNull()
      .references(() => streets.id),
    name: text("name").notNull(),
    brandName: text("brand_name").notNull().default(""),
    brandTagline: text("brand_tagline").notNull().default(""),
    brandDescription: text("brand_description").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("communities_street_name_uq").on(t.streetId, t.name)],
);

// ── People ──────────────────────────────────────────────────────────────────────────────

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    /** Stored lower-case; login is case-insensitive. */
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    /** 职务/单位, e.g. "华中科技大学社会学院教授". */
    title: text("title").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull(),
    communityId: integer("community_id").references(() => communities.id),
    /** A partner login (共建单位) acts for exactly this unit. */
    partnerUnitId: integer("partner_unit_id").references((): AnyPgColumn => partnerUnits.id),
    active: boolean("active").notNull().default(true),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "users_secretary_has_community",
      sql`${t.role} <> 'secretary' OR ${t.communityId} IS NOT NULL`,
    ),
    check("users_username_lower", sql`${t.username} = lower(${t.username})`),
    // role::text: the 'partner' label is added to the enum by the same migration, and
    // PostgreSQL refuses to use a new enum label inside the transaction that adds it.
    check(
      "users_partner_has_unit",
      sql`${t.role}::text <> 'partner' OR ${t.partnerUnitId} IS NOT NULL`,
    ),
  ],
);

/** Server-side sessions: the cookie holds only the random id, so a session can be revoked. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// ── Resident needs (需求清单) ─────────────────────────────────────────────────────────────

export const needs = pgTable(
  "needs",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    source: needSourceEnum("source").notNull().default("other"),
    /** How many residents raised it. */
    raisedCount: integer("raised_count").notNull().default(1),
    status: needStatusEnum("status").notNull().default("open"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("needs_community_idx").on(t.communityId),
    check("needs_raised_count_positive", sql`${t.raisedCount} >= 0`),
  ],
);

// ── Competitions ────────────────────────────────────────────────────────────────────────

export const competitions = pgTable(
  "competitions",
  {
    id: serial("id").primaryKey(),
    streetId: integer("street_id")
      .notNull()
      .references(() => streets.id),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    /** A competition proper, or a 效果共评 round over the funded projects of another one. */
    kind: competitionKindEnum("kind").notNull().default("contest"),
    /** 效果共评: the competition whose funded projects this round judges. */
    evaluatesCompetitionId: integer("evaluates_competition_id").references(
      (): AnyPgColumn => competitions.id,
    ),
    /** 新一轮: the round this one was created from (rounds form a chain). */
    previousCompetitionId: integer("previous_competition_id").references(
      (): AnyPgColumn => competitions.id,
    ),
    year: integer("year").notNull(),
    round: integer("round").notNull().default(1),
    description: text("description").notNull().default(""),
    phase: competitionPhaseEnum("phase").notNull().default("draft"),
    proposalDeadline: timestamp("proposal_deadline", { withTimezone: true, precision: 3 }),
    roadshowAt: timestamp("roadshow_at", { withTimezone: true, precision: 3 }),
    votingOpensAt: timestamp("voting_opens_at", { withTimezone: true, precision: 3 }),
    votingClosesAt: timestamp("voting_closes_at", { withTimezone: true, precision: 3 }),
    noticeStartsAt: timestamp("notice_starts_at", { withTimezone: true, precision: 3 }),
    noticeEndsAt: timestamp("notice_ends_at", { withTimezone: true, precision: 3 }),
    /** Weights of judges vs residents in the combined score, in percent; they sum to 100. */
    judgeWeightPct: integer("judge_weight_pct").notNull().default(70),
    residentWeightPct: integer("resident_weight_pct").notNull().default(30),
    voteRule: voteRuleEnum("vote_rule").notNull().default("approval"),
    /** Approval rule: a resident picks up to K projects. */
    approvalMaxChoices: integer("approval_max_choices").notNull().default(3),
    /** Budget rule: what one resident may spend across projects, in 分. */
    voterBudgetFen: fen("voter_budget_fen"),
    verificationMode: verificationModeEnum("verification_mode").notNull().default("token"),
    /** Registry path: the 证件号 on file, or a one-time code sent by SMS to the phone on file. */
    registryProof: registryProofEnum("registry_proof").notNull().default("id_number"),
    judgeAggregation: judgeAggregationEnum("judge_aggregation").notNull().default("trimmed_mean"),
    pitchSeconds: integer("pitch_seconds").notNull().default(300),
    qaSeconds: integer("qa_seconds").notNull().default(180),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One next round per round: a chain, not a tree.
    uniqueIndex("competitions_previous_uq").on(t.previousCompetitionId),
    check("competitions_weights_sum", sql`${t.judgeWeightPct} + ${t.residentWeightPct} = 100`),
    check("competitions_weights_range", sql`${t.judgeWeightPct} BETWEEN 0 AND 100`),
    check("competitions_k_positive", sql`${t.approvalMaxChoices} >= 1`),
    check("competitions_times_positive", sql`${t.pitchSeconds} > 0 AND ${t.qaSeconds} >= 0`),
    check(
      "competitions_evaluation_target",
      sql`(${t.kind} = 'evaluation') = (${t.evaluatesCompetitionId} IS NOT NULL)`,
    ),
  ],
);

/** 评分细则: one scoring criterion; the maxima of a competition sum to 100. */
export const criteria = pgTable(
  "criteria",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    maxPoints: integer("max_points").notNull(),
  },
  (t) => [
    uniqueIndex("criteria_competition_position_uq").on(t.competitionId, t.position),
    check("criteria_max_points_positive", sql`${t.maxPoints} > 0 AND ${t.maxPoints} <= 100`),
  ],
);

/** A fund of a competition: the street fund (街道资金/惠民资金) or the foundation fund. */
export const funds = pgTable(
  "funds",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    kind: fundKindEnum("kind").notNull(),
    name: text("name").notNull(),
    totalFen: fen("total_fen").notNull(),
    perProjectCapFen: fen("per_project_cap_fen"),
    /** Foundation matching: adds this many basis points (1/100 of a percent) of the street grant. */
    matchRatioBp: integer("match_ratio_bp"),
    /** Empty: every category may receive money from this fund. */
    eligibleCategories: projectCategoryEnum("eligible_categories")
      .array()
      .notNull()
      .default(sql`'{}'`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("funds_competition_kind_uq").on(t.competitionId, t.kind),
    check("funds_total_nonneg", sql`${t.totalFen} >= 0`),
    check("funds_cap_nonneg", sql`${t.perProjectCapFen} IS NULL OR ${t.perProjectCapFen} >= 0`),
    check("funds_match_nonneg", sql`${t.matchRatioBp} IS NULL OR ${t.matchRatioBp} >= 0`),
  ],
);

export const competitionJudges = pgTable(
  "competition_judges",
  {
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    seat: integer("seat").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.competitionId, t.userId] })],
);

/** 回避: a judge who belongs to or works with a community cannot score its projects. */
export const judgeRecusals = pgTable(
  "judge_recusals",
  {
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    judgeUserId: integer("judge_user_id")
      .notNull()
      .references(() => users.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    reason: text("reason").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.competitionId, t.judgeUserId, t.communityId] })],
);

// ── Proposals (微项目) ─────────────────────────────────────────────────────────────────────

export const proposals = pgTable(
  "proposals",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    title: text("title").notNull(),
    /** The brand's name as shown (kept equal to brands.name when brand_id is set). */
    brand: text("brand").notNull().default(""),
    /** The 一社一品 brand this project belongs to (one of its community's). */
    brandId: integer("brand_id").references((): AnyPgColumn => brands.id),
    category: projectCategoryEnum("category").notNull().default("other"),
    summary: text("summary").notNull().default(""),
    /** 居民急难愁盼: the problem it solves. */
    problem: text("problem").notNull().default(""),
    beneficiaries: text("beneficiaries").notNull().default(""),
    beneficiaryCount: integer("beneficiary_count").notNull().default(0),
    plan: text("plan").notNull().default(""),
    team: text("team").notNull().default(""),
    status: proposalStatusEnum("status").notNull().default("draft"),
    /**
     * The edit form exactly as last typed (autosave), kept until a valid save writes it into
     * the columns and rows above, so nothing typed is ever lost. Its shape is checked on store
     * and again on load (ProposalDraftSchema), so it is typed here only as an object.
     */
    formState: jsonb("form_state").$type<Record<string, unknown>>(),
    formStateSavedAt: timestamp("form_state_saved_at", { withTimezone: true, precision: 3 }),
    /** The street's latest return: `{ reason, fields: { field: note } }`. */
    reviewNotes: jsonb("review_notes").$type<ReviewNotes>(),
    /** SHA-256 of the content as last submitted (also in the audit entry). */
    submittedContentHash: text("submitted_content_hash"),
    submittedAt: timestamp("submitted_at", { withTimezone: true, precision: 3 }),
    decidedAt: timestamp("decided_at", { withTimezone: true, precision: 3 }),
    /** Optimistic concurrency for autosave and review. */
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("proposals_competition_idx").on(t.competitionId, t.status),
    index("proposals_community_idx").on(t.communityId),
    index("proposals_brand_idx").on(t.brandId),
  ],
);

export const proposalNeeds = pgTable(
  "proposal_needs",
  {
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.needId] })],
);

export const proposalMilestones = pgTable(
  "proposal_milestones",
  {
    id: serial("id").primaryKey(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    dueOn: date("due_on", { mode: "string" }),
    description: text("description").notNull().default(""),
  },
  (t) => [uniqueIndex("proposal_milestones_position_uq").on(t.proposalId, t.position)],
);

/** A budget line: quantity × unit price; the line total is computed, never stored. */
export const proposalBudgetLines = pgTable(
  "proposal_budget_lines",
  {
    id: serial("id").primaryKey(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    item: text("item").notNull(),
    /** Up to two decimals (e.g. 120.50 平方米), kept exact as a decimal string. */
    quantity: numeric("quantity", { precision: 12, scale: 2 }).notNull(),
    unit: text("unit").notNull().default(""),
    unitPriceFen: fen("unit_price_fen").notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [
    uniqueIndex("proposal_budget_lines_position_uq").on(t.proposalId, t.position),
    check("budget_lines_nonneg", sql`${t.quantity} >= 0 AND ${t.unitPriceFen} >= 0`),
  ],
);

/** What a proposal asks of each fund. */
export const proposalFundRequests = pgTable(
  "proposal_fund_requests",
  {
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    fundId: integer("fund_id")
      .notNull()
      .references(() => funds.id),
    amountFen: fen("amount_fen").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.fundId] }),
    check("fund_requests_nonneg", sql`${t.amountFen} >= 0`),
  ],
);

/** The pitch deck: one PDF or several slide images, stored by content hash under DATA_DIR/uploads. */
export const proposalDeckFiles = pgTable(
  "proposal_deck_files",
  {
    id: serial("id").primaryKey(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    sha256: text("sha256").notNull(),
    mime: text("mime").notNull(),
    name: text("name").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("proposal_deck_files_position_uq").on(t.proposalId, t.position),
    index("proposal_deck_files_sha_idx").on(t.sha256),
  ],
);

/** 共建单位: co-funding from partners (universities, firms, social organisations). */
export const proposalCofunding = pgTable(
  "proposal_cofunding",
  {
    id: serial("id").primaryKey(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    partnerName: text("partner_name").notNull(),
    partnerType: partnerTypeEnum("partner_type").notNull().default("other"),
    amountFen: fen("amount_fen").notNull().default(0),
    inKind: text("in_kind").notNull().default(""),
  },
  (t) => [check("cofunding_nonneg", sql`${t.amountFen} >= 0`)],
);

// ── Audit log ───────────────────────────────────────────────────────────────────────────

/**
 * Append-only audit log. Entries are written in the same transaction as the change they
 * record; a sealer then chains them in order: `seq` numbers them, `prev_hash`/`hash` link each
 * to the previous by SHA-256 (see app/domain/audit-chain.ts).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    createdAt: createdAt(),
    actorUserId: integer("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    seq: bigint("seq", { mode: "number" }).unique(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_log_subject_idx").on(t.subjectType, t.subjectId),
    index("audit_log_unsealed_idx")
      .on(t.id)
      .where(sql`${t.seq} IS NULL`),
  ],
);

// ── The live roadshow ───────────────────────────────────────────────────────────────────

/** Each draw by lot (抽签) and each manual reorder, kept for the record. */
export const pitchDraws = pgTable(
  "pitch_draws",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["lot", "manual"] }).notNull(),
    /** The public seed of a draw by lot; empty for a manual order. */
    seed: text("seed").notNull().default(""),
    order: jsonb("order").$type<number[]>().notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("pitch_draws_competition_idx").on(t.competitionId, t.id)],
);

/**
 * The live session of a competition: the pitch state machine's state (domain/pitch-machine.ts),
 * the only source of truth for the host console, the judges' tablets and the big screen.
 */
export const liveSessions = pgTable("live_sessions", {
  competitionId: integer("competition_id")
    .primaryKey()
    .references(() => competitions.id, { onDelete: "cascade" }),
  state: jsonb("state").$type<LiveState>().notNull(),
  version: integer("version").notNull(),
  /** Since when the big screen shows the published result (the final reveal); null: not shown. */
  finalShownAt: timestamp("final_shown_at", { withTimezone: true }),
  updatedAt: updatedAt(),
});

/** One judge's score sheet for one proposal; the points per criterion are in judge_score_items. */
export const judgeScores = pgTable(
  "judge_scores",
  {
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    judgeUserId: integer("judge_user_id")
      .notNull()
      .references(() => users.id),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id),
    totalHalfPoints: integer("total_half_points").notNull(),
    comment: text("comment").notNull().default(""),
    /** The tablet's revision counter: an older revision arriving late never overwrites a newer one. */
    clientRevision: integer("client_revision").notNull(),
    /** The last submission's idempotency key: a retried submission is recorded once. */
    idempotencyKey: text("idempotency_key").notNull(),
    submittedAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.judgeUserId] }),
    index("judge_scores_competition_idx").on(t.competitionId),
    check(
      "judge_scores_total_nonneg",
      sql`${t.totalHalfPoints} >= 0 AND ${t.totalHalfPoints} <= 200`,
    ),
  ],
);

export const judgeScoreItems = pgTable(
  "judge_score_items",
  {
    proposalId: integer("proposal_id").notNull(),
    judgeUserId: integer("judge_user_id").notNull(),
    criterionId: integer("criterion_id")
      .notNull()
      .references(() => criteria.id),
    /** Points × 2 (the tablets step by 0.5). */
    halfPoints: integer("half_points").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.judgeUserId, t.criterionId] }),
    foreignKey({
      columns: [t.proposalId, t.judgeUserId],
      foreignColumns: [judgeScores.proposalId, judgeScores.judgeUserId],
    }).onDelete("cascade"),
    check("judge_score_items_nonneg", sql`${t.halfPoints} >= 0`),
  ],
);

/** Tablet sign-in for judges: a QR code carries the token, the judge types the PIN. */
export const judgeLoginCodes = pgTable("judge_login_codes", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Where the tablet goes after sign-in. */
  competitionId: integer("competition_id")
    .notNull()
    .references(() => competitions.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  pinHash: text("pin_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  createdAt: createdAt(),
});

// ── Resident voting ─────────────────────────────────────────────────────────────────────

export const TOKEN_STATUSES = ["issued", "used", "void"] as const;
export const tokenStatusEnum = pgEnum("token_status", TOKEN_STATUSES);

/** A batch of single-use ballot tokens (QR cards), per community or polling station. */
export const ballotBatches = pgTable(
  "ballot_batches",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The community whose turnout this batch counts towards. */
    communityId: integer("community_id").references(() => communities.id),
    /** Cards printed for residents, or tokens minted one at a time for registry voters. */
    kind: text("kind", { enum: ["cards", "registry"] })
      .notNull()
      .default("cards"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("ballot_batches_competition_idx").on(t.competitionId)],
);

/**
 * One ballot token. Only its SHA-256 is stored (the card carries the token). Deliberately no
 * time of use and no link to the ballot cast with it: the ballot stays secret.
 */
export const ballotTokens = pgTable(
  "ballot_tokens",
  {
    id: serial("id").primaryKey(),
    batchId: integer("batch_id")
      .notNull()
      .references(() => ballotBatches.id, { onDelete: "cascade" }),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    /** Short code printed on the card, to find it (e.g. to void a lost card) without the token. */
    checkCode: text("check_code").notNull(),
    status: tokenStatusEnum("status").notNull().default("issued"),
    /** SHA-256 of the code a resident can type instead of scanning (cards issued since it exists). */
    typedCodeHash: text("typed_code_hash").unique(),
    /** The token, sealed with the ballot key (not in the database): what a typed code leads to. */
    sealedToken: text("sealed_token"),
    /** Registry voters: the entry this token was minted for. */
    registryEntryId: integer("registry_entry_id"),
    voidReason: text("void_reason"),
  },
  (t) => [
    index("ballot_tokens_batch_idx").on(t.batchId, t.status),
    index("ballot_tokens_check_idx").on(t.competitionId, t.checkCode),
    // One live token per registry entry (earlier unused ones are voided when a new one is minted).
    uniqueIndex("ballot_tokens_registry_live_uq")
      .on(t.registryEntryId)
      .where(sql`${t.registryEntryId} IS NOT NULL AND ${t.status} <> 'void'`),
  ],
);

/**
 * A cast ballot: its choices and a hash of the receipt the resident got. Nothing here refers to a
 * token, a registry entry or a time: no table joins a ballot to a person.
 */
export const ballots = pgTable(
  "ballots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    receiptHash: text("receipt_hash").notNull().unique(),
  },
  (t) => [index("ballots_competition_idx").on(t.competitionId)],
);

/**
 * A sealed ballot waiting to be moved into `ballots` (see flushBallots). Written in the same
 * transaction that marks the token used (so a ballot is never lost nor doubled), but sealed with
 * a key that is not in the database (AES-256-GCM: receipt hash and choices), so the shared
 * transaction id links the token to ciphertext only. `receiptKey` is a keyed hash of the receipt
 * hash, so a receipt check finds a pending ballot. No time, no order: the flush moves a batch at
 * a time, shuffled, and deletes the envelopes.
 */
export const ballotEnvelopes = pgTable(
  "ballot_envelopes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    /** Which key sealed it (a few hex digits of its hash): a flush opens only its own. */
    keyId: text("key_id").notNull(),
    sealed: text("sealed").notNull(),
    receiptKey: text("receipt_key").notNull().unique(),
  },
  (t) => [index("ballot_envelopes_competition_idx").on(t.competitionId)],
);

export const ballotChoices = pgTable(
  "ballot_choices",
  {
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    /** 效果共评 in rating mode: 满意度 1–5; null for an approval (a tick). */
    rating: smallint("rating"),
  },
  (t) => [
    primaryKey({ columns: [t.ballotId, t.proposalId] }),
    index("ballot_choices_proposal_idx").on(t.proposalId),
    check("ballot_choices_rating_range", sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
  ],
);

/**
 * The resident registry. Identifying fields are kept only as a keyed hash for matching and a
 * masked form for people (张*英, 138****1234).
 */
export const registryEntries = pgTable(
  "registry_entries",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    matchHash: text("match_hash").notNull(),
    /** Keyed hash of name and phone alone (to ask for the 证件号 when one is on file). */
    identityHash: text("identity_hash"),
    /** A 证件号 was imported: the registry check then requires it. */
    hasDocument: boolean("has_document").notNull().default(false),
    maskedName: text("masked_name").notNull(),
    maskedPhone: text("masked_phone").notNull(),
    voted: boolean("voted").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("registry_entries_match_uq").on(t.competitionId, t.matchHash),
    index("registry_entries_identity_idx").on(t.competitionId, t.identityHash),
  ],
);

/**
 * A one-time code sent by SMS to a registry entry's phone (registry proof "sms_code"): stored
 * as a keyed hash, valid 10 minutes, at most 5 tries, deleted when used (no use time is kept).
 */
export const registryCodes = pgTable(
  "registry_codes",
  {
    id: serial("id").primaryKey(),
    registryEntryId: integer("registry_entry_id")
      .notNull()
      .references(() => registryEntries.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [uniqueIndex("registry_codes_entry_uq").on(t.registryEntryId)],
);

/** 线下投票点: a polling station of a community. */
export const pollingStations = pgTable(
  "polling_stations",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("polling_stations_name_uq").on(t.competitionId, t.name)],
);

/** One clerk's count of one station's paper ballots (double entry; a third by the street resolves). */
export const paperCounts = pgTable(
  "paper_counts",
  {
    id: serial("id").primaryKey(),
    stationId: integer("station_id")
      .notNull()
      .references(() => pollingStations.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    /** entry = a clerk's independent count; resolution = the street's third entry. */
    kind: text("kind", { enum: ["entry", "resolution"] }).notNull(),
    ballotsCast: integer("ballots_cast").notNull(),
    invalid: integer("invalid").notNull(),
    /** proposal id → votes (approval; empty in a 效果共评 round in rating mode) */
    votes: jsonb("votes").$type<Record<string, number>>().notNull(),
    /**
     * 效果共评 in rating mode: proposal id → how many paper ballots gave it 1, 2, 3, 4 and 5
     * (empty in approval mode).
     */
    ratings: jsonb("ratings")
      .$type<Record<string, [number, number, number, number, number]>>()
      .notNull()
      .default({}),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("paper_counts_entry_uq")
      .on(t.stationId, t.userId)
      .where(sql`${t.kind} = 'entry'`),
    check(
      "paper_counts_nonneg",
      sql`${t.ballotsCast} >= 0 AND ${t.invalid} >= 0 AND ${t.invalid} <= ${t.ballotsCast}`,
    ),
  ],
);

/**
 * A station's confirmed result (both entries agreed, or the street resolved it); its votes per
 * project are rows of station_result_votes.
 */
export const stationResults = pgTable("station_results", {
  stationId: integer("station_id")
    .primaryKey()
    .references(() => pollingStations.id, { onDelete: "cascade" }),
  ballotsCast: integer("ballots_cast").notNull(),
  invalid: integer("invalid").notNull(),
  source: text("source", { enum: ["agreement", "resolution"] }).notNull(),
  confirmedAt: createdAt(),
});

/**
 * A confirmed station's votes per project, one row each, so paper votes are queried like online
 * ones (sum per project, per station, per community) instead of unpacked from JSON.
 */
export const stationResultVotes = pgTable(
  "station_result_votes",
  {
    stationId: integer("station_id")
      .notNull()
      .references(() => stationResults.stationId, { onDelete: "cascade" }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    votes: integer("votes").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.proposalId] }),
    index("station_result_votes_proposal_idx").on(t.proposalId),
    check("station_result_votes_nonneg", sql`${t.votes} >= 0`),
  ],
);

/**
 * A confirmed station's paper ratings (效果共评 in rating mode): per project and level 1–5, how
 * many ballots gave it, one row each (zeros included: the station's whole sheet), so paper
 * ratings are queried like online ones (ballot_choices.rating).
 */
export const stationResultRatings = pgTable(
  "station_result_ratings",
  {
    stationId: integer("station_id")
      .notNull()
      .references(() => stationResults.stationId, { onDelete: "cascade" }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    rating: smallint("rating").notNull(),
    ballots: integer("ballots").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.proposalId, t.rating] }),
    index("station_result_ratings_proposal_idx").on(t.proposalId),
    check("station_result_ratings_rating_range", sql`${t.rating} BETWEEN 1 AND 5`),
    check("station_result_ratings_nonneg", sql`${t.ballots} >= 0`),
  ],
);

/** Server-side secrets that must be shared by every instance (kept in the database). */
export const appSecrets = pgTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});

// ── Results and 公示 ────────────────────────────────────────────────────────────────────

/**
 * One run of the ranking and allocation: the configuration it used and everything it produced,
 * frozen as JSON with the SHA-256 of its canonical form. A draft can be reviewed and published;
 * a published run never changes (a trigger refuses edits), and a newer published run
 * supersedes it, with a reason.
 */
export const resultRuns = pgTable(
  "result_runs",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    status: resultStatusEnum("status").notNull().default("draft"),
    /** A competition's ranking and money, or a 效果共评 round's scores (kind "evaluation"). */
    config: jsonb("config").$type<ResultConfig | EvaluationConfig>().notNull(),
    output: jsonb("output").$type<ResultOutput | EvaluationOutput>().notNull(),
    outputHash: text("output_hash").notNull(),
    /** Why this run replaces a published one (required then). */
    reason: text("reason").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    publishedBy: integer("published_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }),
    noticeStartsAt: timestamp("notice_starts_at", { withTimezone: true, precision: 3 }),
    noticeEndsAt: timestamp("notice_ends_at", { withTimezone: true, precision: 3 }),
    /** The audit entry that records the publication (its chain hash is shown with the notice). */
    publishAuditId: bigint("publish_audit_id", { mode: "number" }),
    /**
     * The audit chain's head when this run was published (seq, hash, when taken): printed on the
     * 公示 and given in the open data, so that a later truncation or rewrite of the chain shows
     * against it (verifyAuditLog checks every published head).
     */
    chainHeadSeq: bigint("chain_head_seq", { mode: "number" }),
    chainHeadHash: text("chain_head_hash"),
    chainHeadAt: timestamp("chain_head_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index("result_runs_competition_idx").on(t.competitionId, t.id),
    uniqueIndex("result_runs_one_published_uq")
      .on(t.competitionId)
      .where(sql`${t.status} = 'published'`),
    check(
      "result_runs_notice_order",
      sql`${t.noticeStartsAt} IS NULL OR ${t.noticeEndsAt} IS NULL OR ${t.noticeStartsAt} < ${t.noticeEndsAt}`,
    ),
  ],
);

/** 异议: an objection to a published result, filed during the 公示 period, answered publicly. */
export const objections = pgTable(
  "objections",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    runId: integer("run_id")
      .notNull()
      .references(() => resultRuns.id),
    /** The project it is about, if any. */
    proposalId: integer("proposal_id").references(() => proposals.id),
    /** A signed-in secretary; null for a resident. */
    authorUserId: integer("author_user_id").references(() => users.id),
    /** Shown publicly (a resident may write 居民). */
    authorName: text("author_name").notNull(),
    /** Only the street sees it, to reach the author. */
    authorContact: text("author_contact").notNull().default(""),
    body: text("body").notNull(),
    answer: text("answer"),
    answeredBy: integer("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true, precision: 3 }),
    /** A retried submission (double tap, flaky network) is filed once. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [index("objections_competition_idx").on(t.competitionId, t.createdAt)],
);

// ── 资源清单: partner units, their offers, claims and matches ─────────────────────────────

/** 共建单位: a co-building unit of the street. The contact is private (street and the unit). */
export const partnerUnits = pgTable(
  "partner_units",
  {
    id: serial("id").primaryKey(),
    streetId: integer("street_id")
      .notNull()
      .references(() => streets.id),
    name: text("name").notNull(),
    type: partnerUnitTypeEnum("type").notNull().default("other"),
    /** Public: what the unit is, shown beside its offers. */
    description: text("description").notNull().default(""),
    contactName: text("contact_name").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("partner_units_street_name_uq").on(t.streetId, t.name)],
);

/** What a unit offers: one resource in one category, for the communities of its service area. */
export const resourceOffers = pgTable(
  "resource_offers",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => partnerUnits.id),
    category: resourceCategoryEnum("category").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** 能力/数量 as people say it: "每月 2 次义诊", "50 人次", "可容纳 80 人". */
    capacity: text("capacity").notNull().default(""),
    status: offerStatusEnum("status").notNull().default("open"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("resource_offers_unit_idx").on(t.unitId),
    // Target of the claims' (offer, unit) foreign key: a claim names the offer's own unit.
    unique("resource_offers_id_unit_uq").on(t.id, t.unitId),
  ],
);

/** 服务范围: the communities an offer serves. */
export const resourceOfferCommunities = pgTable(
  "resource_offer_communities",
  {
    offerId: integer("offer_id")
      .notNull()
      .references(() => resourceOffers.id, { onDelete: "cascade" }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.communityId] })],
);

/**
 * A claim (认领, by the unit) or a match (对接, by a secretary or the street): an offer put to
 * a need, optionally as support of a proposal, with its value in 分 (in kind or co-funding).
 * One live claim per offer and need: withdrawn ones stay on record and free the pair again.
 */
export const resourceClaims = pgTable(
  "resource_claims",
  {
    id: serial("id").primaryKey(),
    offerId: integer("offer_id").notNull(),
    unitId: integer("unit_id").notNull(),
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id),
    proposalId: integer("proposal_id").references(() => proposals.id),
    kind: claimKindEnum("kind").notNull(),
    supportKind: supportKindEnum("support_kind").notNull().default("in_kind"),
    valueFen: fen("value_fen").notNull().default(0),
    note: text("note").notNull().default(""),
    status: claimStatusEnum("status").notNull().default("proposed"),
    createdBy: integer("created_by").references(() => users.id),
    confirmedBy: integer("confirmed_by").references(() => users.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: "resource_claims_offer_unit_fk",
      columns: [t.offerId, t.unitId],
      foreignColumns: [resourceOffers.id, resourceOffers.unitId],
    }),
    uniqueIndex("resource_claims_offer_need_live_uq")
      .on(t.offerId, t.needId)
      .where(sql`${t.status} <> 'withdrawn'`),
    index("resource_claims_need_idx").on(t.needId),
    index("resource_claims_proposal_idx").on(t.proposalId),
    index("resource_claims_unit_idx").on(t.unitId),
    check("resource_claims_value_nonneg", sql`${t.valueFen} >= 0`),
  ],
);

// ── Delivery (任务清单) ───────────────────────────────────────────────────────────────────

export const deliveryStatusEnum = pgEnum("delivery_status", DELIVERY_STATUSES);
export const deliveryFileKindEnum = pgEnum("delivery_file_kind", DELIVERY_FILE_KINDS);

/**
 * A funded project after the 公示: created when a result is published (one per proposal), with
 * the grants per fund, the milestones and budget lines copied from the proposal.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    proposalId: integer("proposal_id")
      .notNull()
      .unique()
      .references(() => proposals.id),
    /** The published run whose allocation the grants follow. */
    runId: integer("run_id")
      .notNull()
      .references(() => resultRuns.id),
    status: deliveryStatusEnum("status").notNull().default("not_started"),
    /** The street's warning flag (有风险), beside the status. */
    atRisk: boolean("at_risk").notNull().default(false),
    /** Why it is late or at risk, in the street's words. */
    flagNote: text("flag_note").notNull().default(""),
    /** Required when terminated (已终止). */
    terminatedReason: text("terminated_reason").notNull().default(""),
    doneAt: timestamp("done_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("deliveries_competition_idx").on(t.competitionId),
    check(
      "deliveries_terminated_reason",
      sql`${t.status} <> 'terminated' OR length(${t.terminatedReason}) > 0`,
    ),
  ],
);

/**
 * What one fund granted to one delivery and how much of it is paid out. `paid_fen` moves only
 * with a disbursement row in the same transaction, and the CHECK keeps it within the grant in
 * the database itself, whatever runs concurrently.
 */
export const deliveryGrants = pgTable(
  "delivery_grants",
  {
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    fundId: integer("fund_id")
      .notNull()
      .references(() => funds.id),
    grantedFen: fen("granted_fen").notNull(),
    paidFen: fen("paid_fen").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.deliveryId, t.fundId] }),
    check(
      "delivery_grants_paid_within",
      sql`${t.grantedFen} >= 0 AND ${t.paidFen} >= 0 AND ${t.paidFen} <= ${t.grantedFen}`,
    ),
  ],
);

export const deliveryMilestones = pgTable(
  "delivery_milestones",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    dueOn: date("due_on", { mode: "string" }),
    description: text("description").notNull().default(""),
    doneOn: date("done_on", { mode: "string" }),
  },
  (t) => [uniqueIndex("delivery_milestones_position_uq").on(t.deliveryId, t.position)],
);

/** A budget line as approved (copied from the proposal); its total is quantity × unit price. */
export const deliveryBudgetLines = pgTable(
  "delivery_budget_lines",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    item: text("item").notNull(),
    quantity: numeric("quantity", { precision: 12, scale: 2 }).notNull(),
    unit: text("unit").notNull().default(""),
    unitPriceFen: fen("unit_price_fen").notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [uniqueIndex("delivery_budget_lines_position_uq").on(t.deliveryId, t.position)],
);

/** A progress update (进展) posted by the community: text, the day it happened, photos. */
export const deliveryUpdates = pgTable(
  "delivery_updates",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    happenedOn: date("happened_on", { mode: "string" }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("delivery_updates_delivery_idx").on(t.deliveryId, t.happenedOn)],
);

/** A tranche paid out of one fund (拨付). */
export const deliveryDisbursements = pgTable(
  "delivery_disbursements",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id").notNull(),
    fundId: integer("fund_id").notNull(),
    amountFen: fen("amount_fen").notNull(),
    paidOn: date("paid_on", { mode: "string" }).notNull(),
    note: text("note").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      columns: [t.deliveryId, t.fundId],
      foreignColumns: [deliveryGrants.deliveryId, deliveryGrants.fundId],
    }).onDelete("cascade"),
    index("delivery_disbursements_delivery_idx").on(t.deliveryId),
    check("delivery_disbursements_positive", sql`${t.amountFen} > 0`),
  ],
);

/** Money spent against a budget line (支出), with its receipt in delivery_files. */
export const deliverySpending = pgTable(
  "delivery_spending",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    budgetLineId: integer("budget_line_id")
      .notNull()
      .references(() => deliveryBudgetLines.id),
    amountFen: fen("amount_fen").notNull(),
    spentOn: date("spent_on", { mode: "string" }).notNull(),
    description: text("description").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("delivery_spending_delivery_idx").on(t.deliveryId),
    check("delivery_spending_positive", sql`${t.amountFen} > 0`),
  ],
);

/** Stored uploads of a delivery (see app/models/upload.server.ts): photos and receipts. */
export const deliveryFiles = pgTable(
  "delivery_files",
  {
    id: serial("id").primaryKey(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    kind: deliveryFileKindEnum("kind").notNull(),
    updateId: integer("update_id").references(() => deliveryUpdates.id, { onDelete: "cascade" }),
    spendingId: integer("spending_id").references(() => deliverySpending.id, {
      onDelete: "cascade",
    }),
    sha256: text("sha256").notNull(),
    mime: text("mime").notNull(),
    name: text("name").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("delivery_files_sha_idx").on(t.sha256),
    index("delivery_files_delivery_idx").on(t.deliveryId),
    check(
      "delivery_files_owner",
      sql`(${t.kind} = 'photo' AND ${t.updateId} IS NOT NULL AND ${t.spendingId} IS NULL) OR (${t.kind} = 'receipt' AND ${t.spendingId} IS NOT NULL AND ${t.updateId} IS NULL)`,
    ),
  ],
);

// ── 效果共评: residents judge the outcomes of funded projects ──────────────────────────────

/**
 * The projects a 效果共评 round puts before residents: funded projects of the competition it
 * evaluates (competitions.evaluates_competition_id), chosen by the street.
 */
export const evaluationItems = pgTable(
  "evaluation_items",
  {
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.competitionId, t.proposalId] }),
    uniqueIndex("evaluation_items_position_uq").on(t.competitionId, t.position),
  ],
);

/**
 * A resident's comment on one project of a 效果共评 round. Deliberately no link to the ballot it
 * came with, no author and no time: it is sealed in the ballot's envelope and written, shuffled,
 * by the flush that stores the ballot. Public only once the street approves it.
 */
export const evaluationComments = pgTable(
  "evaluation_comments",
  {
    id: serial("id").primaryKey(),
    competitionId: integer("competition_id")
      .notNull()
      .references(() => competitions.id, { onDelete: "cascade" }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    body: text("body").notNull(),
    status: commentStatusEnum("status").notNull().default("pending"),
    moderatedBy: integer("moderated_by").references(() => users.id),
    moderatedAt: timestamp("moderated_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index("evaluation_comments_competition_idx").on(t.competitionId, t.status),
    check("evaluation_comments_body_length", sql`char_length(${t.body}) BETWEEN 1 AND 500`),
  ],
);

// ── Sandboxes (试算) ───────────────────────────────────────────────────────────────────

/**
 * A Pabulib `.pb` file the street uploaded to try the allocation rules on real data. Not a
 * competition: it has no phase, tokens or ballots of its own, so it can never be opened for
 * voting, published, or shown on a public page, the dashboard or a competitions list. The file
 * is kept as uploaded (checked to parse) and read again to run a rule.
 */
export const sandboxes = pgTable(
  "sandboxes",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    fileName: text("file_name").notNull().default(""),
    pb: text("pb").notNull(),
    numProjects: integer("num_projects").notNull(),
    numVotes: integer("num_votes").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check("sandboxes_name_length", sql`char_length(${t.name}) BETWEEN 1 AND 200`)],
);

// ── 一社一品: brands across rounds ───────────────────────────────────────────────────────

/**
 * A community's 一社一品 brand: it outlives a round, each round's proposals link to it. The
 * street marks it 成熟 (mature) with the day and where it was promoted.
 */
export const brands = pgTable(
  "brands",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    theme: brandThemeEnum("theme").notNull().default("other"),
    tagline: text("tagline").notNull().default(""),
    /** 治理路径: how the community governs with it (e.g. 两会一坊). */
    governancePath: text("governance_path").notNull().default(""),
    story: text("story").notNull().default(""),
    status: brandStatusEnum("status").notNull().default("growing"),
    maturedOn: date("matured_on", { mode: "string" }),
    /** Where it was promoted street-wide (推广), in the street's words. */
    promotedTo: text("promoted_to").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("brands_community_name_uq").on(t.communityId, t.name),
    check("brands_name_nonempty", sql`length(${t.name}) > 0`),
    check("brands_mature_has_date", sql`(${t.status} = 'mature') = (${t.maturedOn} IS NOT NULL)`),
  ],
);

/** An award or honour a brand received, recorded by the street. */
export const brandHonours = pgTable(
  "brand_honours",
  {
    id: serial("id").primaryKey(),
    brandId: integer("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    awardedBy: text("awarded_by").notNull().default(""),
    year: integer("year").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("brand_honours_brand_idx").on(t.brandId),
    check("brand_honours_year_range", sql`${t.year} BETWEEN 1949 AND 2200`),
  ],
);
