/** Casting a ballot from a posted form (the voting page and the JSON API share this). */
import type { AppLoadContext } from "@remix-run/node";
import { castBallot } from "~/models/ballot.server";
import { recordFailure } from "./rate-limit.server";

/** The chosen project ids of a form: one `choice` field each. */
export function choicesOf(form: FormData) {
  const ids = form
    .getAll("choice")
    .map((c) => Number(c))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  return [...new Set(ids)];
}

export async function castFromForm(context: AppLoadContext, token: string, form: FormData) {
  const result = await castBallot(context.services.db, token, choicesOf(form));
  if (result.ok && result.status === "cast")
    context.services.live.tallyChanged(result.competitionId);
  if (!result.ok && result.refusal === "unknown")
    await recordFailure(context.services.limiters.voteProbeByIp, context.clientIp);
  return result;
}
