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
): Promise<VoteResult> {
  const result = await castBallot(services.db, token, choices);
  if (result.ok && result.status === "cast")
    services.broadcaster.tallyChanged(result.competitionId);
  if (!result.ok && result.refusal === "unknown") {
    const slow = await failureSlowdown(services.limiters.voteProbeByIp, clientIp);
    if (slow.slowed) return { ok: false, refusal: "throttled", retryAfter: slow.retryAfter };
  }
  return result;
}
