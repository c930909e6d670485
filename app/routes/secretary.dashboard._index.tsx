import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardView } from "~/components/dashboard-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { dashboardPage } from "~/server/dashboard.server";

export const meta: MetaFunction = () => [{ title: "效果清单 · 社区路演" }];

/** 效果清单 of the secretary's own community. */
export async function loader(args: LoaderFunctionArgs) {
  return json(await dashboardPage(args, "secretary"), {
    headers: { "Cache-Control": "private, no-store" },
  });
}

export default function SecretaryDashboard() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const community = page.data?.dashboard.communities[0]?.name ?? "";
  return (
    <DashboardView
      page={page}
      title={t("dashboard.communityTitle", { community })}
      exportBase="/secretary/dashboard"
      selector
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
