/**
 * Casting a ballot: the one function behind the voting page (POST /v/<token>, confirm) and the
 * JSON API (POST /api/ballots/<token>), so both apply the same throttle and the same rules.
 */
import { castBallot, type CastResult } from "../models/ballot.server";
import type { Services } from "../services.server";
import { blockedFor, recordFailure } from "./rate-limit.server";

/** The chosen project ids of a form: one `choice` field each. */
export function choicesOf(form: FormData) {
  return choiceIds(form.getAll("choice").map(String));
}

/** Positive integer ids, each once. */
export function choiceIds(raw: string[]) {
  const ids = raw.map((c) => Number(c)).filter((n) => Number.isSafeInteger(n) && n > 0);
  return [...new Set(ids)];
}

export type VoteResult = CastResult | { ok: false; refusal: "throttled"; retryAfter: number };

/**
 * Casts `token`'s ballot for a client at `clientIp`: refused while that address is throttled,
 * an unknown token counts as a failure, a cast ballot updates the live tally.
 */
export async function castVote(
  services: Pick<Services, "db" | "limiters" | "live">,
  clientIp: string,
  token: string,
  choices: number[],
): Promise<VoteResult> {
  const retryAfter = await blockedFor(services.limiters.voteProbeByIp, clientIp);
  if (retryAfter > 0) return { ok: false, refusal: "throttled", retryAfter };
  const result = await castBallot(services.db, token, choices);
  if (result.ok && result.status === "cast") services.live.tallyChanged(result.competitionId);
  if (!result.ok && result.refusal === "unknown")
    await recordFailure(services.limiters.voteProbeByIp, clientIp);
  return result;
}
