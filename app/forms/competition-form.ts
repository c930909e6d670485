/** zod schemas of the competition setup forms (shared by browser and server). */
import { z } from "zod";
import {
  COMPETITION_PHASES,
  JUDGE_AGGREGATIONS,
  PROJECT_CATEGORIES,
  VERIFICATION_MODES,
  VOTE_RULES,
} from "~/domain/enums";
import { parseYuan } from "~/domain/money";
import { fromLocalInput } from "../utils/datetime";
import { intents } from "./intent";
import { msg, type MessageKey } from "./messages";

const required = msg("errors.required");

export const datetime = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const d = fromLocalInput(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message: msg("errors.datetime") });
      return z.NEVER;
    }
    return d;
  });

export const optionalMoney = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === "") return null;
    const parsed = parseYuan(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: msg(`errors.money.${parsed.error}`) });
      return z.NEVER;
    }
    return parsed.value;
  });

/** A whole number in [min, max]; out of range says the range, not "请输入整数". */
export function intRange(min: number, max: number) {
  const range = msg("errors.intRange", { min, max });
  return z
    .number({ error: msg("errors.integer") })
    .int(msg("errors.integer"))
    .min(min, range)
    .max(max, range);
}

const minutes = z
  .number({ error: msg("errors.number") })
  .min(0.5, msg("errors.numberRange", { min: 0.5, max: 60 }))
  .max(60, msg("errors.numberRange", { min: 0.5, max: 60 }))
  .transform((m) => Math.round(m * 60));

export const NewCompetitionSchema = z.object({
  intent: z.literal("create").default("create"),
  title: z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(100, msg("errors.tooLong", { max: 100 })),
  slug: z
    .string({ error: required })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, msg("errors.slug")),
  year: intRange(2000, 2100),
  round: intRange(1, 100),
  description: z.string().trim().max(2000).optional(),
});

export const SettingsSchema = z
  .object({
    intent: z.literal("settings"),
    title: NewCompetitionSchema.shape.title,
    year: NewCompetitionSchema.shape.year,
    round: NewCompetitionSchema.shape.round,
    description: NewCompetitionSchema.shape.description,
    proposalDeadline: datetime,
    roadshowAt: datetime,
    votingOpensAt: datetime,
    votingClosesAt: datetime,
    noticeStartsAt: datetime,
    noticeEndsAt: datetime,
    judgeWeightPct: intRange(0, 100),
    voteRule: z.enum(VOTE_RULES, { error: msg("errors.invalidChoice") }),
    approvalMaxChoices: intRange(1, 50),
    voterBudget: optionalMoney,
    verificationMode: z.enum(VERIFICATION_MODES, { error: msg("errors.invalidChoice") }),
    judgeAggregation: z.enum(JUDGE_AGGREGATIONS, { error: msg("errors.invalidChoice") }),
    pitchMinutes: minutes,
    qaMinutes: minutes,
  })
  // Checked together with the other fields' errors (zod skips refinements of an object with an
  // invalid field unless told otherwise), on whatever dates did parse.
  .superRefine(
    (v, ctx) => {
      for (const issue of scheduleIssues(v)) ctx.addIssue({ code: "custom", ...issue });
      if (v.voteRule === "budget" && !v.voterBudget) {
        ctx.addIssue({
          code: "custom",
          path: ["voterBudget"],
          message: msg("errors.voterBudgetRequired"),
        });
      }
    },
    { when: () => true },
  );

type Schedule = Partial<
  Record<
    | "proposalDeadline"
    | "roadshowAt"
    | "votingOpensAt"
    | "votingClosesAt"
    | "noticeStartsAt"
    | "noticeEndsAt",
    unknown
  >
>;

/**
 * The order of a competition's dates: proposals close before the roadshow, voting does not end
 * before it, the 公示 starts after voting closes, every end after its start.
 */
function scheduleIssues(v: Schedule): Array<{ path: [keyof Schedule]; message: string }> {
  const at = (k: keyof Schedule) => (v[k] instanceof Date ? (v[k] as Date).getTime() : null);
  const rules: Array<[keyof Schedule, keyof Schedule, keyof Schedule, MessageKey]> = [
    // [earlier, later, field that gets the message, message]
    ["proposalDeadline", "roadshowAt", "proposalDeadline", "errors.deadlineAfterRoadshow"],
    ["votingOpensAt", "votingClosesAt", "votingClosesAt", "errors.endBeforeStart"],
    ["roadshowAt", "votingClosesAt", "votingClosesAt", "errors.votingBeforeRoadshow"],
    ["votingClosesAt", "noticeStartsAt", "noticeStartsAt", "errors.noticeBeforeVotingEnds"],
    ["noticeStartsAt", "noticeEndsAt", "noticeEndsAt", "errors.endBeforeStart"],
  ];
  const issues: Array<{ path: [keyof Schedule]; message: string }> = [];
  for (const [earlier, later, field, key] of rules) {
    const a = at(earlier);
    const b = at(later);
    if (a === null || b === null) continue;
    const ok = earlier === "votingClosesAt" ? b >= a : b > a;
    if (!ok && !issues.some((i) => i.path[0] === field))
      issues.push({ path: [field], message: msg(key) });
  }
  return issues;
}

const PhaseSchema = z.object({
  intent: z.literal("phase"),
  phase: z.enum(COMPETITION_PHASES, { error: msg("errors.invalidChoice") }),
  reason: z.string().trim().max(500).optional(),
});

/** The competition page's one action: which form was sent is its `intent`. */
export const CompetitionPageSchema = intents([SettingsSchema, PhaseSchema]);

const CriteriaSchema = z.object({
  intent: z.literal("save").default("save"),
  criteria: z
    .array(
      z.object({
        name: z
          .string({ error: required })
          .trim()
          .min(1, required)
          .max(40, msg("errors.tooLong", { max: 40 })),
        description: z.string().trim().max(300).optional(),
        maxPoints: intRange(1, 100),
      }),
    )
    .min(1, msg("criteria.empty")),
});

/** The criteria page's one form; any other intent is refused. */
export const CriteriaPageSchema = intents([CriteriaSchema]);

/** "30" or "12.5" percent → basis points. */
const percentBp = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === "") return null;
    const s = raw.trim().normalize("NFKC").replace(/%$/, "");
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(s) || Number(s) > 100) {
      ctx.addIssue({ code: "custom", message: msg("errors.percent") });
      return z.NEVER;
    }
    const [w = "0", f = ""] = s.split(".");
    return Number(w) * 100 + Number(f.padEnd(2, "0"));
  });

const fundFields = {
  name: z.string({ error: required }).trim().min(1, required).max(60),
  total: z.string({ error: required }).transform((raw, ctx) => {
    const parsed = parseYuan(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: msg(`errors.money.${parsed.error}`) });
      return z.NEVER;
    }
    return parsed.value;
  }),
  cap: optionalMoney,
  /** None ticked: every category. */
  categories: z
    .array(z.enum(PROJECT_CATEGORIES, { error: msg("errors.invalidChoice") }))
    .optional(),
};

/** A per-project cap cannot be more than the fund itself. */
function capWithinTotal(v: { total?: unknown; cap?: unknown }, ctx: z.RefinementCtx) {
  if (typeof v.total === "number" && typeof v.cap === "number" && v.cap > v.total)
    ctx.addIssue({ code: "custom", path: ["cap"], message: msg("errors.capAboveTotal") });
}

export const FundsSchema = z.object({
  intent: z.literal("save").default("save"),
  street: z.object(fundFields).superRefine(capWithinTotal, { when: () => true }),
  foundation: z
    .object({ ...fundFields, match: percentBp })
    .superRefine(capWithinTotal, { when: () => true }),
});

/** bp → "30" / "12.5" */
export function bpToPercent(bp: number | null | undefined) {
  if (bp == null) return "";
  const w = Math.trunc(bp / 100);
  const f = bp % 100;
  return f === 0 ? String(w) : `${w}.${String(f).padStart(2, "0").replace(/0$/, "")}`;
}
