import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { listCompetitions } from "~/models/competition.server";

/** Open data: the competitions (id, title, phase). */
export async function loader({ context }: LoaderFunctionArgs) {
  const rows = await listCompetitions(context.services.db);
  return json(
    rows.map((c) => ({ id: c.id, slug: c.slug, title: c.title, year: c.year, phase: c.phase })),
    { headers: { "Cache-Control": "public, max-age=5", "Access-Control-Allow-Origin": "*" } },
  );
}
