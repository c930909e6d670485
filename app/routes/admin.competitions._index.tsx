import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listCompetitions } from "~/models/competition.server";
import { requireUser } from "~/server/auth.server";
import { formatDateTime } from "~/utils/datetime";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  return json({
    competitions: await listCompetitions(args.context.services.db),
    canEdit: user.role === "street_admin",
  });
}

export default function CompetitionsPage() {
  const { t } = useTranslation();
  const { competitions, canEdit } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("competition.list")}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <Link to="/admin/rounds" className="text-brand-700 underline">
            {t("nextRound.compare")}
          </Link>
          {canEdit ? (
            <Link to="/admin/competitions/new" className="btn-primary">
              {t("competition.create")}
            </Link>
          ) : null}
        </div>
      </div>
      <ul className="space-y-3">
        {competitions.map((c) => (
          <li key={c.id} className="card flex flex-wrap items-center justify-between gap-3">
            <div>
              <Link
                to={`/admin/competitions/${c.id}`}
                className="text-lg font-semibold text-brand-700 underline"
              >
                {c.title}
              </Link>
              <p className="text-sm text-stone-500">
                {c.year} · {t("competition.round")} {c.round} · {t("competition.roadshowAt")}{" "}
                {formatDateTime(c.roadshowAt)}
              </p>
            </div>
            <span className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-700">
              {t(`phases.${c.phase}`)}
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
