/**
 * Casting a ballot: the one function behind the voting page (POST /v/<token>, confirm) and the
 * JSON API (POST /api/ballots/<token>), so both apply the same throttle and the same rules.
 */
import { castBallot, type CastResult } from "../models/ballot.server";
import type { Services } from "../services.server";
import { isId } from "../utils/params";
import { failureSlowdown } from "./rate-limit.server";

/** The chosen project ids of a form: one `choice` field each. */
export function choicesOf(form: FormData) {
  return choiceIds(form.getAll("choice").map(String));
}

/** Ids a project can have (positive, within int4), each once. */
export function choiceIds(raw: string[]) {
  const ids = raw.map((c) => Number(c)).filter(isId);
  return [...new Set(ids)];
}

/**
 * 效果共评 fields of a ballot form: `rating.<id>` = 1…5 (empty: not rated) and
 * `comment.<id>` (empty: none). Checked by the cast (domain/evaluation.ts), not here.
 */
export function evaluationFieldsOf(entries: Iterable<[string, FormDataEntryValue | string]>) {
  const ratings: Array<{ proposalId: number; rating: number }> = [];
  const comments: Array<{ proposalId: number; body: string }> = [];
  for (const [key, raw] of entries) {
    const value = typeof raw === "string" ? raw : "";
    const rated = /^rating\.(\d{1,10})$/.exec(key);
    if (rated && value.trim() !== "")
      ratings.push({ proposalId: Number(rated[1]), rating: Number(value.trim()) });
    const said = /^comment\.(\d{1,10})$/.exec(key);
    if (said && value.trim() !== "") comments.push({ proposalId: Number(said[1]), body: value });
  }
  return { ratings, comments };
}

type VoteResult = CastResult | { ok: false; refusal: "throttled"; retryAfter: number };

/**
 * Casts `token`'s ballot for a client at `clientIp`. A valid card always votes, whatever its
 * address did before; an unknown token counts as a failure of the address, and once the address
 * has failed too often its failures are answered slowly, as "throttled". A cast ballot updates
 * the live tally.
 */
export async function castVote(
  services: Pick<Services, "db" | "limiters" | "broadcaster">,
  clientIp: string,
  token: string,
  choices: number[],
  /** 效果共评: ratings of the choices (rating mode) and comments. */
  extra: Parameters<typeof castBallot>[3] = {},
): Promise<VoteResult> {
  const result = await castBallot(services.db, token, choices, extra);
  if (result.ok && result.status === "cast")
    services.broadcaster.tallyChanged(result.competitionId);
  if (!result.ok && result.refusal === "unknown") {
    const slow = await failureSlowdown(services.limiters.voteProbeByIp, clientIp);
    if (slow.slowed) return { ok: false, refusal: "throttled", retryAfter: slow.retryAfter };
  }
  return result;
}
