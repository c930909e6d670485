/** The exports (CSV, XLSX, open data): the published result for all, the draft for the street. */
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader } from "./route";

export function Exports() {
  const { t } = useTranslation();
  const { competition, draft, published } = useLoaderData<typeof loader>();
  return (
    <section className="card space-y-2">
      <h2 className="text-lg font-semibold">{t("results.exports")}</h2>
      {published ? (
        <>
          <h3 className="font-medium">{t("results.published", { id: published.id })}</h3>
          <ExportLinks competitionId={competition.id} slug={competition.slug} />
        </>
      ) : (
        <p className="text-stone-500">{t("results.noPublishedExports")}</p>
      )}
      {draft ? (
        <>
          <h3 className="pt-2 font-medium">{t("results.draft", { id: draft.id })}</h3>
          <ExportLinks competitionId={competition.id} slug={competition.slug} draft />
        </>
      ) : null}
    </section>
  );
}

function ExportLinks({
  competitionId,
  slug,
  draft = false,
}: {
  competitionId: number;
  slug: string;
  /** Links to the latest draft run (street and observers only) instead of the published one. */
  draft?: boolean;
}) {
  const { t } = useTranslation();
  const base = `/api/competitions/${competitionId}/results`;
  const query = draft ? "?draft=1" : "";
  return (
    <ul className="space-y-2 text-base">
      {(["scores", "tally", "allocation"] as const).map((kind) => (
        <li key={kind} className="flex flex-wrap items-center gap-3">
          <span className="min-w-56">
            {t(
              `results.export${kind === "scores" ? "Scores" : kind === "tally" ? "Tally" : "Allocation"}`,
            )}
          </span>
          <a className="text-brand-700 underline" href={`${base}/${kind}.csv${query}`} download>
            {t("results.csv")}
          </a>
          <a className="text-brand-700 underline" href={`${base}/${kind}.xlsx${query}`} download>
            {t("results.xlsx")}
          </a>
        </li>
      ))}
      {draft ? null : (
        <li className="flex flex-wrap gap-3">
          <a className="text-brand-700 underline" href={base}>
            {t("results.openData")}
          </a>
          <Link className="text-brand-700 underline" to={`/p/${slug}/results`}>
            {t("results.publicTitle")}
          </Link>
        </li>
      )}
    </ul>
  );
}
