/**
 * The paper count forms (a clerk's entry, the street's resolution of a mismatch), shared by the
 * browser and the actions. A count has the lines `ballotsCast`, `invalid` and one
 * `votes-<proposal id>` per project on the ballot, or in a 效果共评 round in rating mode five
 * `rating-<proposal id>-<level>` per project (how many ballots gave it that level). Digits may
 * be half- or full-width (a Chinese IME gives ９); an empty line is 0. A bad line is refused
 * beside that line, all lines at once.
 */
import { z } from "zod";
import type { CountProblem, PaperRule } from "~/domain/paper-count";
import { intents } from "./intent";
import { msg } from "./messages";

/**
 * The form field of a count line: "ballotsCast", "invalid", "votes-<proposal id>", or in rating
 * mode "rating-<id>-<level>" for "<id>:<level>" and "rating-<id>" for the project's row.
 */
export const countField = (line: string, rule: PaperRule = "approval") => {
  if (line === "ballotsCast" || line === "invalid") return line;
  const [id, level] = line.split(":");
  if (level !== undefined) return `rating-${id}-${level}`;
  return rule === "rating" ? `rating-${id}` : `votes-${line}`;
};

const VOTES_FIELD = /^votes-(\d{1,10})$/;
const RATING_FIELD = /^rating-(\d{1,10})-([1-5])$/;
const MAX_DIGITS = 7;
const COUNT = /^\d{1,7}$/;

/** A whole number of ballots as typed (０–９ too), empty = 0; null when it is not one. */
function readCount(raw: unknown): number | null {
  if (raw === undefined) return 0;
  if (typeof raw !== "string") return null;
  const s = raw.normalize("NFKC").trim();
  if (s === "") return 0;
  return COUNT.test(s) ? Number(s) : null;
}

/** Why a line as typed is no count: too many digits (a slip of the keyboard), or not a number. */
function notACount(raw: unknown) {
  const s = typeof raw === "string" ? raw.normalize("NFKC").trim() : "";
  return /^\d+$/.test(s) && s.length > MAX_DIGITS
    ? msg("paper.errors.tooLarge")
    : msg("paper.errors.negative");
}

const countLine = z.unknown().transform((raw, ctx) => {
  const n = readCount(raw);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: notACount(raw) });
    return z.NEVER;
  }
  return n;
});

/**
 * A count form: the fixed lines in `shape`, and the `votes-<id>` lines (as many as the ballot
 * has projects) or `rating-<id>-<level>` lines (rating mode) checked together with them and
 * gathered into `votes` (proposal id → count) and `ratings` (proposal id → counts of 1…5).
 */
function countForm<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .looseObject({ ballotsCast: countLine, invalid: countLine, ...shape })
    .superRefine(
      (v, ctx) => {
        for (const [name, raw] of Object.entries(v))
          if ((VOTES_FIELD.test(name) || RATING_FIELD.test(name)) && readCount(raw) === null)
            ctx.addIssue({ code: "custom", path: [name], message: notACount(raw) });
      },
      { when: () => true },
    )
    .transform((v) => {
      const votes: Record<string, number> = {};
      const ratings: Record<string, number[]> = {};
      for (const [name, raw] of Object.entries(v)) {
        const m = VOTES_FIELD.exec(name);
        if (m) votes[m[1]!] = readCount(raw)!;
        const r = RATING_FIELD.exec(name);
        if (r) (ratings[r[1]!] ??= [0, 0, 0, 0, 0])[Number(r[2]) - 1] = readCount(raw)!;
      }
      const lines = v as { ballotsCast: number; invalid: number };
      return {
        ...v,
        count: { ballotsCast: lines.ballotsCast, invalid: lines.invalid, votes, ratings },
      };
    });
}

/** A clerk's entry of a station's count. */
export const ClerkCountSchema = intents([
  countForm({ intent: z.literal("count").default("count") }),
]);

/** The street's resolution of two counts that differ, with the reason (audited). */
export const ResolveCountSchema = intents([
  countForm({
    intent: z.literal("resolve").default("resolve"),
    reason: z
      .string({ error: msg("paper.reasonRequired") })
      .trim()
      .min(1, msg("paper.reasonRequired"))
      .max(500, msg("errors.tooLong", { max: 500 })),
  }),
]);

/** A refusal of the count by the model (see paper.server), beside the lines it is about. */
export function countProblems(problems: CountProblem[], rule: PaperRule = "approval") {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const p of problems) {
    const message = msg(`paper.errors.${p.problem}`);
    if (p.field === "votes" || p.field === "ratings") formErrors.push(message);
    else (fieldErrors[countField(p.field, rule)] ??= []).push(message);
  }
  return { formErrors, fieldErrors };
}
