import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoundsView } from "~/components/rounds-view";
import { roundsPage } from "~/server/rounds.server";

export const meta: MetaFunction = () => [{ title: "各轮对比" }];

/** The street's rounds compared (`?competition=<id>`: that round's chain only). */
export async function loader(args: LoaderFunctionArgs) {
  return json(await roundsPage(args, "street"));
}

export default function AdminRounds() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  return (
    <RoundsView
      page={page}
      title={t("rounds.title")}
      linkOf={(r) => `/admin/competitions/${r.id}`}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
