import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReceiptCheck } from "~/components/receipt-check";
import { receiptCounted } from "~/models/ballot.server";
import { getCompetitionBySlug } from "~/models/competition.server";

/** Public: a resident checks that the ballot with their receipt was counted (never what it chose). */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const competition = await getCompetitionBySlug(db, params.slug ?? "");
  invariantResponse(competition, "Not found", { status: 404 });
  const code = (new URL(request.url).searchParams.get("code") ?? "")
    .trim()
    .toUpperCase()
    .slice(0, 20);
  const counted = code ? await receiptCounted(db, competition.id, code) : null;
  return json(
    { slug: competition.slug, title: competition.title, code, counted },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function ReceiptCheckPage() {
  const { t } = useTranslation();
  const { slug, title, code, counted } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-xl space-y-4 px-4 py-6 text-lg">
      <p className="text-sm text-stone-500">{title}</p>
      <h1 className="text-2xl font-bold">{t("vote.receiptCheckTitle")}</h1>
      <ReceiptCheck name="code" code={code} counted={counted} />
      <Link to={`/p/${slug}`} className="text-brand-700 underline">
        {t("vote.viewProjects")}
      </Link>
    </main>
  );
}

export const meta: MetaFunction = () => [{ title: "核对回执码 · 社区路演" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
