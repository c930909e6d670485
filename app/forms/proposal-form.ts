/**
 * The proposal edit form: one zod schema for the browser (early feedback) and the server
 * (authoritative). People type 元 and quantities as text; the schema turns them into 分 and
 * hundredths, with a message in Chinese beside the field when it cannot.
 */
import { z } from "zod";
import { PARTNER_TYPES, PROJECT_CATEGORIES } from "~/domain/enums";
import { formatQuantity, formatYuan, parseQuantity, parseYuan } from "~/domain/money";
import type { ProposalContent } from "~/domain/proposal-content";
import { msg } from "./messages";

const required = msg("errors.required");

const text = (max: number) => z.string().trim().max(max, msg("errors.tooLong", { max })).optional();

/** 元 typed as text → 分. */
const money = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === "") return 0;
    const parsed = parseYuan(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: msg(`errors.money.${parsed.error}`) });
      return z.NEVER;
    }
    return parsed.value;
  });

const requiredMoney = z.string({ error: required }).transform((raw, ctx) => {
  const parsed = parseYuan(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: msg(`errors.money.${parsed.error}`) });
    return z.NEVER;
  }
  return parsed.value;
});

const quantity = z.string({ error: required }).transform((raw, ctx) => {
  const parsed = parseQuantity(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: msg(`errors.quantity.${parsed.error}`) });
    return z.NEVER;
  }
  return parsed.value;
});

/** How many rows each list of the form may hold (the form and its stored drafts alike). */
const LIMITS = {
  needIds: 200,
  milestones: 30,
  budgetLines: 100,
  requests: 5,
  cofunding: 30,
} as const;

export const ProposalFormSchema = z.object({
  title: z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(60, msg("errors.tooLong", { max: 60 })),
  brand: text(60),
  category: z.enum(PROJECT_CATEGORIES, { error: msg("errors.invalidChoice") }).optional(),
  summary: text(300),
  problem: text(3000),
  beneficiaries: text(1000),
  beneficiaryCount: z
    .number({ error: msg("errors.integer") })
    .int(msg("errors.integer"))
    .min(0)
    .max(10_000_000)
    .optional(),
  plan: text(5000),
  team: text(2000),
  needIds: z.array(z.number().int().positive()).max(LIMITS.needIds).optional(),
  milestones: z
    .array(
      z.object({
        title: z
          .string({ error: required })
          .trim()
          .min(1, required)
          .max(100, msg("errors.tooLong", { max: 100 })),
        dueOn: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, msg("errors.date"))
          .optional(),
        description: text(500),
      }),
    )
    .max(LIMITS.milestones)
    .optional(),
  budgetLines: z
    .array(
      z.object({
        item: z
          .string({ error: required })
          .trim()
          .min(1, required)
          .max(100, msg("errors.tooLong", { max: 100 })),
        quantity,
        unit: text(20),
        unitPrice: requiredMoney,
        note: text(200),
      }),
    )
    .max(LIMITS.budgetLines)
    .optional(),
  requests: z
    .array(z.object({ fundId: z.number().int().positive(), amount: money }))
    .max(LIMITS.requests)
    .optional(),
  cofunding: z
    .array(
      z.object({
        partnerName: z
          .string({ error: required })
          .trim()
          .min(1, required)
          .max(100, msg("errors.tooLong", { max: 100 })),
        // Starts empty in the form: the secretary says what kind of partner it is.
        partnerType: z.enum(PARTNER_TYPES, { error: msg("proposal.cofund.typeRequired") }),
        amount: money,
        inKind: text(200),
      }),
    )
    .max(LIMITS.cofunding)
    .optional(),
});

export type ProposalFormValue = z.output<typeof ProposalFormSchema>;

export function toContent(v: ProposalFormValue): ProposalContent {
  return {
    title: v.title,
    brand: v.brand ?? "",
    category: v.category ?? "other",
    summary: v.summary ?? "",
    problem: v.problem ?? "",
    beneficiaries: v.beneficiaries ?? "",
    beneficiaryCount: v.beneficiaryCount ?? 0,
    plan: v.plan ?? "",
    team: v.team ?? "",
    needIds: [...new Set(v.needIds ?? [])],
    milestones: (v.milestones ?? []).map((m) => ({
      title: m.title,
      dueOn: m.dueOn ?? null,
      description: m.description ?? "",
    })),
    budgetLines: (v.budgetLines ?? []).map((l) => ({
      item: l.item,
      quantityHundredths: l.quantity,
      unit: l.unit ?? "",
      unitPriceFen: l.unitPrice,
      note: l.note ?? "",
    })),
    requests: (v.requests ?? []).map((r) => ({ fundId: r.fundId, amountFen: r.amount })),
    cofunding: (v.cofunding ?? []).map((c) => ({
      partnerName: c.partnerName,
      partnerType: c.partnerType,
      amountFen: c.amount,
      inKind: c.inKind ?? "",
    })),
  };
}

/** Stored content → the form's initial values (strings, as a person would type them). */
export function contentToForm(content: ProposalContent, fundIds: number[]) {
  return {
    title: content.title,
    brand: content.brand,
    category: content.category,
    summary: content.summary,
    problem: content.problem,
    beneficiaries: content.beneficiaries,
    beneficiaryCount: content.beneficiaryCount ? String(content.beneficiaryCount) : "",
    plan: content.plan,
    team: content.team,
    needIds: content.needIds.map(String),
    milestones: content.milestones.map((m) => ({
      title: m.title,
      dueOn: m.dueOn ?? "",
      description: m.description,
    })),
    budgetLines: content.budgetLines.map((l) => ({
      item: l.item,
      quantity: formatQuantity(l.quantityHundredths),
      unit: l.unit,
      unitPrice: formatYuan(l.unitPriceFen),
      note: l.note,
    })),
    requests: fundIds.map((fundId) => {
      const amount = content.requests.find((r) => r.fundId === fundId)?.amountFen ?? 0;
      return { fundId: String(fundId), amount: amount ? formatYuan(amount) : "" };
    }),
    cofunding: content.cofunding.map((c) => ({
      partnerName: c.partnerName,
      partnerType: c.partnerType,
      amount: c.amountFen ? formatYuan(c.amountFen) : "",
      inKind: c.inKind,
    })),
  };
}

export type ProposalFormDefaults = ReturnType<typeof contentToForm>;

/**
 * The shape of an autosaved draft (what was typed, not yet valid): only the form's own fields,
 * every value a string of bounded length, every list an array no longer than the form allows.
 * A draft is checked against it when it is stored and again before it is put into a page:
 * anything else (a list of 100 000 rows, a string where a list belongs) is refused or dropped,
 * never rendered. Text may run past the form's own limits (up to DRAFT_TEXT_MAX) so that a too
 * long title is kept and then shown with its error on save.
 */
const DRAFT_TEXT_MAX = 20_000;
const draftText = z.string().max(DRAFT_TEXT_MAX).optional();
const shortText = z.string().max(200).optional();
/** A hole in a list (`budgetLines[5]` without 0–4) is an empty row. */
const row = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess((v) => (v === undefined || v === null ? {} : v), z.object(shape));
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).optional();

export const ProposalDraftSchema = z.object({
  title: draftText,
  brand: draftText,
  category: shortText,
  summary: draftText,
  problem: draftText,
  beneficiaries: draftText,
  beneficiaryCount: shortText,
  plan: draftText,
  team: draftText,
  needIds: z.union([shortText, list(z.string().max(200), LIMITS.needIds)]),
  milestones: list(
    row({ title: draftText, dueOn: shortText, description: draftText }),
    LIMITS.milestones,
  ),
  budgetLines: list(
    row({
      item: draftText,
      quantity: shortText,
      unit: draftText,
      unitPrice: shortText,
      note: draftText,
    }),
    LIMITS.budgetLines,
  ),
  requests: list(row({ fundId: shortText, amount: shortText }), LIMITS.requests),
  cofunding: list(
    row({ partnerName: draftText, partnerType: shortText, amount: shortText, inKind: draftText }),
    LIMITS.cofunding,
  ),
});

type ProposalDraft = z.output<typeof ProposalDraftSchema>;

/** A stored or sent draft in the draft's shape, or null when it is not one. */
export function parseDraft(value: unknown): ProposalDraft | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  // Lengths first: a sparse list of a billion holes is refused without walking it.
  for (const [key, max] of Object.entries(LIMITS)) {
    const v = (value as Record<string, unknown>)[key];
    if (Array.isArray(v) && v.length > max) return null;
  }
  const parsed = ProposalDraftSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
