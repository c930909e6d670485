import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getCompetition } from "~/models/competition.server";
import { listStations } from "~/models/paper.server";
import { requireUser } from "~/server/auth.server";
import { idParam } from "~/utils/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "clerk" });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  const competition = await getCompetition(db, id);
  invariantResponse(competition, "Not found", { status: 404 });
  const stations = await listStations(db, id);
  return json({
    competition: { id, title: competition.title },
    stations: stations.map((s) => ({
      id: s.id,
      name: s.name,
      communityName: s.communityName,
      status: s.reconciliation.status,
      mine: s.reconciliation.entries.some((e) => e.userId === user.id && e.kind === "entry"),
    })),
  });
}

export default function ClerkStations() {
  const { t } = useTranslation();
  const { competition, stations } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <p className="text-sm text-stone-500">{competition.title}</p>
      <h1 className="text-2xl font-semibold">{t("paper.title")}</h1>
      <ul className="card divide-y divide-stone-100 p-0 sm:p-0">
        {stations.map((s) => (
          <li key={s.id}>
            <Link
              to={`/clerk/${competition.id}/${s.id}`}
              className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-stone-50"
            >
              <span>
                <span className="font-medium">{s.name}</span>{" "}
                <span className="text-sm text-stone-500">· {s.communityName}</span>
              </span>
              <span className="text-sm text-stone-600">
                {t(`voting.status.${s.status}`)}
                {s.mine ? ` · ${t("paper.yourEntry")} ✓` : ""}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
