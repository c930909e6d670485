import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { computeTally } from "~/models/ballot.server";
import { idParam } from "~/utils/params";

/** Open data: votes per project and channel, ballots per channel, turnout per community. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const tally = await computeTally(context.services.db, idParam(params.competitionId));
  invariantResponse(tally, "Not found", { status: 404 });
  return json(
    {
      competitionId: tally.competitionId,
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
      })),
      turnout: tally.turnout,
    },
    { headers: { "Cache-Control": "public, max-age=1", "Access-Control-Allow-Origin": "*" } },
  );
}
