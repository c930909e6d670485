import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatYuan } from "~/domain/money";
import { getCompetitionBySlug } from "~/models/competition.server";
import { evaluatedCompetition } from "~/models/evaluation.server";
import { acceptedProposals, listProposals } from "~/models/proposal.server";
import { publishedNotice } from "~/models/results.server";
import { formatDateTime } from "~/utils/datetime";

/** Public, no login: the accepted proposals of a competition. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const competition = await getCompetitionBySlug(db, params.slug ?? "");
  invariantResponse(competition, "Not found", { status: 404 });
  // A 效果共评 round lists the projects it evaluates; their pages are the evaluated competition's.
  const evaluation = competition.kind === "evaluation";
  const [proposals, notice, evaluates] = await Promise.all([
    evaluation
      ? acceptedProposals(db, competition.id)
      : listProposals(db, { competitionId: competition.id, status: "accepted" }),
    publishedNotice(db, competition.id),
    evaluation ? evaluatedCompetition(db, competition.id) : null,
  ]);
  return json({
    competition: {
      slug: competition.slug,
      title: competition.title,
      description: competition.description,
      phase: competition.phase,
      projectsSlug: evaluates?.slug ?? competition.slug,
      evaluates: evaluates ? { slug: evaluates.slug, title: evaluates.title } : null,
    },
    notice: notice ? { startsAt: notice.noticeStartsAt, endsAt: notice.noticeEndsAt } : null,
    proposals: proposals.map((p) => ({
      id: p.id,
      title: p.title,
      brand: p.brand,
      // The competition's own proposals link their brand (a 效果共评 round lists others').
      brandId: "brandId" in p ? p.brandId : null,
      summary: p.summary,
      communityName: p.communityName,
      requestedFen: p.requestedFen,
    })),
  });
}

export default function PublicList() {
  const { t } = useTranslation();
  const { competition, proposals, notice } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <p className="text-sm text-brand-700">{t(`phases.${competition.phase}`)}</p>
      <h1 className="text-2xl font-bold leading-snug sm:text-3xl">{competition.title}</h1>
      {notice ? (
        <Link
          to={`/p/${competition.slug}/results`}
          className="card mt-4 block border-brand-600 bg-brand-50 hover:bg-brand-100"
          data-testid="results-link"
        >
          <p className="text-lg font-semibold text-brand-800">{t("public.resultsPublished")} →</p>
          {notice.startsAt && notice.endsAt ? (
            <p className="text-sm text-stone-600">
              {t("results.noticePeriod")}:{formatDateTime(notice.startsAt)} –{" "}
              {formatDateTime(notice.endsAt)}
            </p>
          ) : null}
        </Link>
      ) : null}
      {notice ? (
        <Link
          to={`/p/${competition.slug}/dashboard`}
          className="card mt-3 block hover:border-brand-600"
          data-testid="dashboard-link"
        >
          <p className="text-lg font-semibold text-brand-800">{t("dashboard.publicLink")} →</p>
        </Link>
      ) : null}
      {competition.evaluates ? (
        <p className="mt-2 text-base text-stone-600">
          {t("evaluation.title")} ·{" "}
          <Link to={`/p/${competition.evaluates.slug}`} className="underline">
            {t("evaluation.evaluates", { title: competition.evaluates.title })}
          </Link>
        </p>
      ) : (
        <p className="mt-2 text-base text-stone-600">{t("public.listIntro")}</p>
      )}
      {proposals.length === 0 ? <p className="card mt-6">{t("public.none")}</p> : null}
      <ol className="mt-6 space-y-4">
        {proposals.map((p, i) => (
          <li key={p.id} className="card hover:border-brand-600">
            <Link to={`/p/${competition.projectsSlug}/${p.id}`} className="block">
              <p className="text-sm text-stone-500">
                {i + 1}. {p.communityName}
              </p>
              <h2 className="mt-1 text-xl font-semibold text-stone-900">{p.title}</h2>
              {p.brand && p.brandId == null ? <p className="text-brand-700">{p.brand}</p> : null}
              {p.summary ? <p className="mt-2 text-base text-stone-700">{p.summary}</p> : null}
              <p className="mt-2 text-sm text-stone-500">
                {t("public.requested")} {formatYuan(p.requestedFen)} {t("common.yuan")}
              </p>
            </Link>
            {p.brand && p.brandId != null ? (
              <Link
                to={`/brands/${p.brandId}`}
                className="mt-2 inline-block py-1 text-base text-brand-700 underline"
              >
                {t("public.brand")}:{p.brand} →
              </Link>
            ) : null}
          </li>
        ))}
      </ol>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.competition.title ?? ""} · 社区路演` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
