/** What a ballot card's page shows now: its ballot, its receipt, or why it cannot vote. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  getBallot,
  lookupToken,
  receiptFor,
  votingWindow,
  type BallotInfo,
} from "~/models/ballot.server";
import { failureSlowdown } from "~/server/rate-limit.server";
import type { PublicBallot, View } from "./types";

function publicBallot(info: BallotInfo): PublicBallot {
  return {
    ...info,
    opensAt: info.opensAt?.toISOString() ?? null,
    closesAt: info.closesAt?.toISOString() ?? null,
  };
}

export async function view(
  args: LoaderFunctionArgs,
  token: string,
): Promise<{ view: View; status: number }> {
  const { db, limiters } = args.context.services;
  const ip = args.context.clientIp;
  const found = await lookupToken(db, token);
  if (found.status === "unknown") {
    // Only failures count, and they are slowed down, never a valid card behind the same address.
    const slow = await failureSlowdown(limiters.voteProbeByIp, ip);
    return slow.slowed
      ? { view: { kind: "refused", reason: "throttled" }, status: 429 }
      : { view: { kind: "refused", reason: "unknown" }, status: 404 };
  }
  if (found.status === "void") return { view: { kind: "refused", reason: "void" }, status: 410 };
  const info = (await getBallot(db, found.competitionId))!;
  if (found.status === "used")
    return {
      view: {
        kind: "receipt",
        receipt: await receiptFor(db, token),
        // Just cast (redirected here with ?cast=1), or a card that had voted before.
        already: new URL(args.request.url).searchParams.get("cast") !== "1",
        slug: info.slug,
      },
      status: 200,
    };
  const window = votingWindow(info);
  if (window !== "open")
    return {
      view: { kind: "refused", reason: window, opensAt: info.opensAt?.toISOString() ?? null },
      status: 403,
    };
  return {
    view: { kind: "ballot", ballot: publicBallot(info), checkCode: found.checkCode },
    status: 200,
  };
}
