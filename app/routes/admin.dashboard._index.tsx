import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardView } from "~/components/dashboard-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { dashboardPage } from "~/server/dashboard.server";

export const meta: MetaFunction = () => [{ title: "效果清单 · 社区路演" }];

/** 效果清单 for the street (street admin and observers, read-only): every community and the street. */
export async function loader(args: LoaderFunctionArgs) {
  return json(await dashboardPage(args, "street"), {
    headers: { "Cache-Control": "private, no-store" },
  });
}

export default function AdminDashboard() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  return (
    <DashboardView
      page={page}
      title={t("dashboard.streetTitle")}
      exportBase="/admin/dashboard"
      selector
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
