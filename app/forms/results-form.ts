/** zod schemas of the results forms: the allocation settings, publishing, objections. */
import { z } from "zod";
import { RESIDENT_RULES, TIE_BREAKS } from "~/domain/ranking";
import { RESULT_RULES, type ResultConfig } from "~/domain/results";
import { datetime, optionalMoney } from "./competition-form";
import { intents } from "./intent";
import { msg } from "./messages";

const required = msg("errors.required");
const choice = { error: msg("errors.invalidChoice") };

const percentInt = z
  .number({ error: msg("errors.number") })
  .int(msg("errors.integer"))
  .min(0, msg("errors.percent"))
  .max(100, msg("errors.percent"));

const TierSchema = z
  .object({
    name: z
      .string({ error: required })
      .trim()
      .min(1, required)
      .max(20, msg("errors.tooLong", { max: 20 })),
    count: z
      .number({ error: required })
      .int(msg("errors.integer"))
      .min(1, msg("results.errors.countMin"))
      .max(100),
    amountKind: z.enum(["fixed", "percent"], choice),
    fixed: optionalMoney,
    percent: percentInt.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.amountKind === "fixed" && t.fixed === null)
      ctx.addIssue({ code: "custom", path: ["fixed"], message: required });
    if (t.amountKind === "percent" && t.percent === undefined)
      ctx.addIssue({ code: "custom", path: ["percent"], message: required });
  });

export const RunSchema = z
  .object({
    intent: z.literal("run"),
    residentRule: z.enum(RESIDENT_RULES, choice),
    tie1: z.enum(TIE_BREAKS, choice).optional(),
    tie2: z.enum(TIE_BREAKS, choice).optional(),
    tie3: z.enum(TIE_BREAKS, choice).optional(),
    lotSeed: z
      .string()
      .trim()
      .max(64, msg("errors.tooLong", { max: 64 }))
      .optional(),
    rule: z.enum(RESULT_RULES, choice),
    partialFirst: z.boolean().optional(),
    completion: z.enum(["none", "greedy"], choice).optional(),
    tiers: z.array(TierSchema).max(10).optional(),
    reason: z
      .string()
      .trim()
      .max(500, msg("errors.tooLong", { max: 500 }))
      .optional(),
  })
  .superRefine((v, ctx) => {
    const chain = [v.tie1, v.tie2, v.tie3].filter(Boolean);
    if (new Set(chain).size !== chain.length)
      ctx.addIssue({ code: "custom", path: ["tie2"], message: msg("results.errors.tieRepeated") });
    if (v.rule === "tiers" && !v.tiers?.length)
      ctx.addIssue({ code: "custom", path: ["tiers"], message: msg("results.errors.tiersEmpty") });
  });

type RunFormValue = z.output<typeof RunSchema>;

/** The form's values → the configuration of a run (the lot seed is filled in by the server). */
export function toConfig(v: RunFormValue, lotSeed: string): ResultConfig {
  const tieBreak = [v.tie1, v.tie2, v.tie3].filter(
    (x): x is NonNullable<typeof x> => x !== undefined,
  );
  // Money cannot wait for a tie to be settled: the public lot always ends the chain.
  if (!tieBreak.includes("lot")) tieBreak.push("lot");
  const rule: ResultConfig["rule"] =
    v.rule === "greedy"
      ? { kind: "greedy", partialFirst: v.partialFirst ?? false }
      : v.rule === "equal-shares"
        ? { kind: "equal-shares", completion: v.completion ?? "greedy" }
        : {
            kind: "tiers",
            tiers: (v.tiers ?? []).map((t) => ({
              name: t.name,
              count: t.count,
              amount:
                t.amountKind === "fixed"
                  ? { kind: "fixed" as const, fen: t.fixed ?? 0 }
                  : { kind: "percent" as const, bp: (t.percent ?? 0) * 100 },
            })),
          };
  return { residentRule: v.residentRule, tieBreak, lotSeed, rule };
}

const DEFAULT_TIERS = [
  { name: "一等奖", count: "1", amountKind: "percent", fixed: "", percent: "100" },
  { name: "二等奖", count: "2", amountKind: "percent", fixed: "", percent: "90" },
  { name: "三等奖", count: "3", amountKind: "percent", fixed: "", percent: "80" },
  { name: "优秀奖", count: "5", amountKind: "percent", fixed: "", percent: "50" },
];

/** A stored configuration → the form's initial values. */
export function configToForm(c: ResultConfig | null) {
  const tiers =
    c?.rule.kind === "tiers"
      ? c.rule.tiers.map((t) => ({
          name: t.name,
          count: String(t.count),
          amountKind: t.amount.kind,
          fixed: t.amount.kind === "fixed" ? (t.amount.fen / 100).toFixed(2) : "",
          percent: t.amount.kind === "percent" ? String(t.amount.bp / 100) : "",
        }))
      : DEFAULT_TIERS;
  return {
    residentRule: c?.residentRule ?? "top",
    tie1: c ? (c.tieBreak[0] ?? "") : "judge",
    tie2: c ? (c.tieBreak[1] ?? "") : "votes",
    tie3: c ? (c.tieBreak[2] ?? "") : "lot",
    lotSeed: c?.lotSeed ?? "",
    rule: c?.rule.kind ?? "greedy",
    partialFirst: c?.rule.kind === "greedy" && c.rule.partialFirst ? "on" : "",
    completion: c?.rule.kind === "equal-shares" ? c.rule.completion : "greedy",
    tiers,
    reason: "",
  };
}

export const PublishSchema = z
  .object({
    intent: z.literal("publish"),
    runId: z.number().int().positive(),
    noticeStartsAt: datetime,
    noticeEndsAt: datetime,
  })
  .superRefine((v, ctx) => {
    if (!v.noticeStartsAt)
      ctx.addIssue({ code: "custom", path: ["noticeStartsAt"], message: required });
    if (!v.noticeEndsAt)
      ctx.addIssue({ code: "custom", path: ["noticeEndsAt"], message: required });
    if (v.noticeStartsAt && v.noticeEndsAt && v.noticeEndsAt <= v.noticeStartsAt)
      ctx.addIssue({
        code: "custom",
        path: ["noticeEndsAt"],
        message: msg("errors.endBeforeStart"),
      });
  });

export const AnswerSchema = z.object({
  intent: z.literal("answer"),
  objectionId: z.number().int().positive(),
  answer: z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(2000, msg("errors.tooLong", { max: 2000 })),
});

/** The results tab's one action: which form was sent is its `intent`. */
export const ResultsTabSchema = intents([RunSchema, PublishSchema, AnswerSchema]);

/** The public page's one form; a page from before the field was added sends no intent. */
export const ObjectionSchema = z.object({
  intent: z.literal("objection").default("objection"),
  proposalId: z.number(choice).int(choice.error).positive(choice.error).optional(),
  authorName: z
    .string()
    .trim()
    .max(40, msg("errors.tooLong", { max: 40 }))
    .optional(),
  authorContact: z
    .string()
    .trim()
    .max(60, msg("errors.tooLong", { max: 60 }))
    .optional(),
  body: z
    .string({ error: msg("results.errors.bodyRequired") })
    .trim()
    .min(5, msg("results.errors.bodyShort"))
    .max(1000, msg("errors.tooLong", { max: 1000 })),
  key: z
    .string()
    .uuid()
    .or(z.string().regex(/^[A-Za-z0-9_-]{16,64}$/)),
});

/** The public 公示's one action. */
export const ObjectionPageSchema = intents([ObjectionSchema]);
