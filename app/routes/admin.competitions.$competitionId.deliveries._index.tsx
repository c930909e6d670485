import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DeliveryList } from "~/components/delivery-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getCompetition } from "~/models/competition.server";
import { listDeliveries } from "~/models/delivery.server";
import { requireUser } from "~/server/auth.server";
import { idParam } from "~/utils/params";

/** 任务清单 tab: every funded project of the competition, for the street and observers. */
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(db, id), "Not found", { status: 404 });
  return json({ id, rows: await listDeliveries(db, { competitionId: id }) });
}

export default function CompetitionDeliveries() {
  const { id, rows } = useLoaderData<typeof loader>();
  return (
    <DeliveryList
      rows={rows}
      showCommunity
      hrefOf={(d) => `/admin/competitions/${id}/deliveries/${d.id}`}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
