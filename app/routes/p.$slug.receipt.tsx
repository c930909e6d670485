import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Notice } from "~/components/vote-frame";
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

export default function ReceiptCheck() {
  const { t } = useTranslation();
  const { slug, title, code, counted } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-xl space-y-4 px-4 py-6 text-lg">
      <p className="text-sm text-stone-500">{title}</p>
      <h1 className="text-2xl font-bold">{t("vote.receiptCheckTitle")}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <label className="min-w-0 flex-1">
          <span className="label">{t("vote.receiptInput")}</span>
          <input
            name="code"
            defaultValue={code}
            className="input font-mono text-xl uppercase"
            autoCapitalize="characters"
            autoComplete="off"
            required
          />
        </label>
        <button type="submit" className="btn-primary min-h-12">
          {t("vote.check")}
        </button>
      </Form>
      {counted === true ? (
        <Notice tone="success">{t("vote.receiptCounted", { code })}</Notice>
      ) : null}
      {counted === false ? (
        <Notice tone="error">{t("vote.receiptNotFound", { code })}</Notice>
      ) : null}
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
