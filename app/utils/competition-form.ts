/** zod schemas of the competition setup forms (shared by browser and server). */
import { z } from "zod";
import {
  JUDGE_AGGREGATIONS,
  PROJECT_CATEGORIES,
  VERIFICATION_MODES,
  VOTE_RULES,
} from "~/domain/enums";
import { parseYuan } from "~/domain/money";
import { fromLocalInput } from "./datetime";
import { msg } from "./messages";

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

const minutes = z
  .number({ error: msg("errors.number") })
  .min(0.5)
  .max(60)
  .transform((m) => Math.round(m * 60));

export const NewCompetitionSchema = z.object({
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
  year: z
    .number({ error: msg("errors.integer") })
    .int(msg("errors.integer"))
    .min(2000)
    .max(2100),
  round: z
    .number({ error: msg("errors.integer") })
    .int(msg("errors.integer"))
    .min(1)
    .max(100),
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
    judgeWeightPct: z
      .number({ error: msg("errors.integer") })
      .int(msg("errors.integer"))
      .min(0)
      .max(100),
    voteRule: z.enum(VOTE_RULES, { error: msg("errors.invalidChoice") }),
    approvalMaxChoices: z
      .number({ error: msg("errors.integer") })
      .int(msg("errors.integer"))
      .min(1)
      .max(50),
    voterBudget: optionalMoney,
    verificationMode: z.enum(VERIFICATION_MODES, { error: msg("errors.invalidChoice") }),
    judgeAggregation: z.enum(JUDGE_AGGREGATIONS, { error: msg("errors.invalidChoice") }),
    pitchMinutes: minutes,
    qaMinutes: minutes,
  })
  .superRefine((v, ctx) => {
    if (v.votingOpensAt && v.votingClosesAt && v.votingClosesAt <= v.votingOpensAt) {
      ctx.addIssue({
        code: "custom",
        path: ["votingClosesAt"],
        message: msg("errors.endBeforeStart"),
      });
    }
    if (v.noticeStartsAt && v.noticeEndsAt && v.noticeEndsAt <= v.noticeStartsAt) {
      ctx.addIssue({
        code: "custom",
        path: ["noticeEndsAt"],
        message: msg("errors.endBeforeStart"),
      });
    }
    if (v.voteRule === "budget" && !v.voterBudget) {
      ctx.addIssue({
        code: "custom",
        path: ["voterBudget"],
        message: msg("errors.voterBudgetRequired"),
      });
    }
  });

export const PhaseSchema = z.object({
  intent: z.literal("phase"),
  phase: z.string({ error: required }),
  reason: z.string().trim().max(500).optional(),
});

export const CriteriaSchema = z.object({
  criteria: z
    .array(
      z.object({
        name: z
          .string({ error: required })
          .trim()
          .min(1, required)
          .max(40, msg("errors.tooLong", { max: 40 })),
        description: z.string().trim().max(300).optional(),
        maxPoints: z
          .number({ error: msg("errors.integer") })
          .int(msg("errors.integer"))
          .min(1)
          .max(100),
      }),
    )
    .min(1, msg("criteria.empty")),
});

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

export const FundsSchema = z.object({
  street: z.object(fundFields),
  foundation: z.object({ ...fundFields, match: percentBp }),
});

/** bp → "30" / "12.5" */
export function bpToPercent(bp: number | null | undefined) {
  if (bp == null) return "";
  const w = Math.trunc(bp / 100);
  const f = bp % 100;
  return f === 0 ? String(w) : `${w}.${String(f).padStart(2, "0").replace(/0$/, "")}`;
}
