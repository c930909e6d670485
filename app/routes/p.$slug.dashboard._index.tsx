import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardView } from "~/components/dashboard-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { dashboardPage } from "~/server/dashboard.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.data?.competition.title ?? ""} · 效果清单` },
];

/**
 * Public, no login, phone first: the 效果清单 of a competition whose result is published. Only
 * figures, project titles and community names: no contacts, no residents' names.
 */
export async function loader(args: LoaderFunctionArgs) {
  return json(await dashboardPage(args, "public"), {
    headers: { "Cache-Control": "public, max-age=30" },
  });
}

export default function PublicDashboard() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const slug = page.data?.competition.slug ?? "";
  return (
    <>
      <nav className="mx-auto max-w-6xl px-4 pt-4 text-sm">
        <Link to={`/p/${slug}`} className="text-brand-700 underline">
          {page.data?.competition.title}
        </Link>
        {" · "}
        <Link to={`/p/${slug}/results`} className="text-brand-700 underline">
          {t("results.title")}
        </Link>
        {" · "}
        <Link to={`/p/${slug}/rounds`} className="text-brand-700 underline">
          {t("nextRound.compare")}
        </Link>
      </nav>
      <DashboardView
        page={page}
        title={t("dashboard.publicTitle", { competition: page.data?.competition.title ?? "" })}
        exportBase={`/p/${slug}/dashboard`}
        selector={false}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
