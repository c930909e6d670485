import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { computeTally } from "~/models/ballot.server";
import { idParam } from "~/utils/params";

/**
 * Open data: votes per project and channel, ballots per channel, turnout per community; for a
 * 效果共评 round in rating mode, the ratings per level and the mean.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const tally = await computeTally(context.services.db, idParam(params.competitionId));
  invariantResponse(tally, "Not found", { status: 404 });
  return json(
    {
      competitionId: tally.competitionId,
      rule: tally.rule,
      ballots: {
        online: tally.ballotsOnline,
        offline: tally.ballotsOffline,
        offlineInvalid: tally.invalidOffline,
      },
      stations: { confirmed: tally.stationsConfirmed, total: tally.stationsTotal },
      projects: tally.projects.map((p) => ({
        id: p.id,
        number: p.number,
        title: p.title,
        community: p.communityName,
        votes: { online: p.online, offline: p.offline, total: p.total },
        // 效果共评 in rating mode: how many gave 1…5, how many rated, and the mean.
        ...(p.ratings ? { ratings: p.ratings, count: p.count, mean: p.mean } : {}),
      })),
      turnout: tally.turnout,
    },
    { headers: { "Cache-Control": "public, max-age=1", "Access-Control-Allow-Origin": "*" } },
  );
}
