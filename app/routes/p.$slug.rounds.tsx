import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoundsView } from "~/components/rounds-view";
import { roundsPage } from "~/server/rounds.server";

export const meta: MetaFunction = () => [{ title: "各轮对比" }];

/**
 * Public, no login, phone first: the published rounds of a published round's chain side by
 * side. Only figures and community names.
 */
export async function loader(args: LoaderFunctionArgs) {
  return json(await roundsPage(args, "public"), {
    headers: { "Cache-Control": "public, max-age=30" },
  });
}

export default function PublicRounds() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  return (
    <RoundsView page={page} title={t("rounds.title")} linkOf={(r) => `/p/${r.slug}/dashboard`} />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
