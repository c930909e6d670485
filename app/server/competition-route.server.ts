/** What the pages under /admin/competitions/$competitionId read first: the competition, or 404. */
import { invariantResponse } from "@epic-web/invariant";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCompetition } from "~/models/competition.server";
import { idParam } from "~/utils/params";

/** The route's competition (after the caller's permission check), with its id and the db. */
export async function routeCompetition(args: Pick<LoaderFunctionArgs, "params" | "context">) {
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  const competition = await getCompetition(db, id);
  invariantResponse(competition, "Not found", { status: 404 });
  return { db, id, competition };
}
