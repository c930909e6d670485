import type { LoaderFunctionArgs } from "@remix-run/node";
import { needsToCsv } from "~/domain/needs-csv";
import { needFilterFrom } from "~/forms/need-filter";
import { listNeeds } from "~/models/need.server";
import { requireUser } from "~/server/auth.server";

/** CSV of needs: a secretary gets their community's, the street and observers everyone's. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["secretary", "street_admin", "observer"] });
  const filter = needFilterFrom(new URL(args.request.url));
  const communityId = user.role === "secretary" ? (user.communityId ?? -1) : filter.community;
  const needs = await listNeeds(args.context.services.db, { ...filter, communityId });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(needsToCsv(needs), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="needs-${date}.csv"; filename*=UTF-8''${encodeURIComponent(`需求清单-${date}.csv`)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
