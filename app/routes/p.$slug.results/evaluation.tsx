/** The public result of a 效果共评 round: scores per project and brand, approved comments, hash. */
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EvaluationResult } from "~/components/evaluation-view";
import { ReceiptSection } from "~/components/receipt-check";
import type { loader } from "./route";
import { ChainHead, OpenData, ResultHash } from "./verify";

export function EvaluationPublic() {
  const { t } = useTranslation();
  const { competition, evaluation, receipt, counted } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-4xl space-y-5 px-4 py-6">
      <header>
        <p className="text-sm text-brand-700">
          {t("evaluation.title")} · {t("evaluation.slogan")}
        </p>
        <h1 className="text-2xl font-bold leading-snug sm:text-3xl">{competition.title}</h1>
        {competition.evaluates ? (
          <Link to={`/p/${competition.evaluates.slug}`} className="text-base underline">
            {t("evaluation.evaluates", { title: competition.evaluates.title })}
          </Link>
        ) : null}
      </header>
      {evaluation ? (
        <>
          <EvaluationResult output={evaluation.output} />
          <section className="card space-y-2" data-testid="verify">
            <ResultHash label={t("evaluation.hash")} hash={evaluation.hash} />
            {evaluation.audit ? (
              <p className="text-sm text-stone-500">
                {t("results.auditEntry", { id: evaluation.audit.id })}
                {evaluation.audit.hash ? (
                  <span className="break-all font-mono text-xs">
                    {" · "}
                    {t("results.auditChain")} {evaluation.audit.hash}
                  </span>
                ) : null}
              </p>
            ) : null}
            <ChainHead head={evaluation.chainHead} />
            <OpenData competitionId={competition.id}>
              <li>
                <a
                  className="text-brand-700 underline"
                  href={`/api/competitions/${competition.id}/results/evaluation.csv`}
                >
                  CSV
                </a>
              </li>
              <li>
                <a
                  className="text-brand-700 underline"
                  href={`/api/competitions/${competition.id}/results/evaluation.xlsx`}
                >
                  Excel
                </a>
              </li>
            </OpenData>
          </section>
        </>
      ) : (
        <p className="card">{t("evaluation.notPublished")}</p>
      )}
      <ReceiptSection slug={competition.slug} receipt={receipt} counted={counted} />
      <Link to={`/p/${competition.slug}`} className="inline-block text-brand-700 underline">
        {t("vote.viewProjects")}
      </Link>
    </main>
  );
}
