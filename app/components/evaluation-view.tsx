/** A 效果共评 round's scores: per project, per brand, and the approved comments (admin and public). */
import { useTranslation } from "react-i18next";
import type { EvaluationOutput } from "~/domain/evaluation";

type Output = Pick<EvaluationOutput, "rule" | "rows" | "brands" | "comments" | "ballots">;

/** How many residents gave 1…5, as a row of bars with their numbers (readable in print too). */
export function Distribution({ counts }: { counts: number[] }) {
  const { t } = useTranslation();
  const top = Math.max(1, ...counts);
  return (
    <ol className="flex items-end gap-1" aria-label={t("evaluation.distribution")}>
      {counts.map((n, i) => (
        <li
          key={i}
          className="flex w-8 flex-col items-center text-xs text-stone-600"
          title={t("evaluation.stars", { n: i + 1 })}
        >
          <span className="tabular-nums">{n}</span>
          <span
            className="w-5 rounded-t bg-amber-400"
            style={{ height: `${4 + (n / top) * 32}px` }}
            aria-hidden
          />
          <span aria-label={t("evaluation.stars", { n: i + 1 })}>{i + 1}★</span>
        </li>
      ))}
    </ol>
  );
}

function EvaluationRows({ output }: { output: Output }) {
  const { t } = useTranslation();
  const rating = output.rule === "rating";
  return (
    <ol className="space-y-3" data-testid="evaluation-rows">
      {output.rows.map((r) => (
        <li
          key={r.id}
          className="rounded-xl border border-stone-200 p-4 sm:flex sm:items-center sm:justify-between sm:gap-4"
          data-proposal={r.id}
        >
          <div className="min-w-0 sm:flex-1">
            <p className="text-sm text-stone-500">
              {t("evaluation.rank")} {r.rank} · {r.communityName}
              {r.brand ? ` · ${r.brand}` : ""}
            </p>
            <p className="text-lg font-semibold leading-snug">{r.title}</p>
          </div>
          {rating ? (
            <div className="mt-3 flex items-end justify-between gap-4 sm:mt-0 sm:justify-end">
              <div className="sm:text-right">
                <p className="text-3xl font-bold tabular-nums text-brand-700" data-testid="mean">
                  {r.mean}
                </p>
                <p className="text-sm text-stone-600">
                  {t("evaluation.count")} {r.count}
                </p>
                {r.paper ? (
                  <p className="text-xs text-stone-500" data-testid="paper-split">
                    {t("evaluation.online")} {r.count - r.paper.count} · {t("evaluation.offline")}{" "}
                    {r.paper.count}
                  </p>
                ) : null}
              </div>
              <Distribution counts={r.distribution} />
            </div>
          ) : (
            <div className="mt-3 sm:mt-0 sm:text-right">
              <p className="text-3xl font-bold tabular-nums text-brand-700">{r.approvals.total}</p>
              <p className="text-sm text-stone-600">
                {t("evaluation.approvals")}({t("evaluation.online")} {r.approvals.online} ·{" "}
                {t("evaluation.offline")} {r.approvals.offline})
              </p>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function BrandTable({ output }: { output: Output }) {
  const { t } = useTranslation();
  const rating = output.rule === "rating";
  return (
    <div className="overflow-x-auto">
      <table className="table" data-testid="evaluation-brands">
        <thead>
          <tr>
            <th>{t("evaluation.brand")}</th>
            <th className="text-right">{t("evaluation.projects")}</th>
            {rating ? (
              <>
                <th className="text-right">{t("evaluation.mean")}</th>
                <th className="text-right">{t("evaluation.count")}</th>
              </>
            ) : (
              <th className="text-right">{t("evaluation.approvals")}</th>
            )}
          </tr>
        </thead>
        <tbody>
          {output.brands.map((b) => (
            <tr key={b.brand}>
              <td>
                <div className="font-medium">{b.brand}</div>
                <div className="text-xs text-stone-500">{b.communityName}</div>
              </td>
              <td className="text-right tabular-nums">{b.projects.length}</td>
              {rating ? (
                <>
                  <td className="text-right font-semibold tabular-nums">{b.mean}</td>
                  <td className="text-right tabular-nums">{b.count}</td>
                </>
              ) : (
                <td className="text-right font-semibold tabular-nums">{b.approvals}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CommentList({ output }: { output: Output }) {
  const { t } = useTranslation();
  if (output.comments.length === 0)
    return <p className="text-stone-600">{t("evaluation.noComments")}</p>;
  const title = (id: number) => output.rows.find((r) => r.id === id);
  return (
    <ul className="space-y-2" data-testid="evaluation-comments">
      {output.comments.map((c, i) => (
        <li key={i} className="rounded-lg bg-stone-50 px-4 py-3">
          <p className="text-sm text-stone-500">
            {title(c.proposalId)?.communityName} · {title(c.proposalId)?.title}
          </p>
          <p className="whitespace-pre-wrap break-words">{c.body}</p>
        </li>
      ))}
    </ul>
  );
}

function BallotFacts({ output }: { output: Output }) {
  const { t } = useTranslation();
  return (
    <p className="text-sm text-stone-600">
      {t("evaluation.ballots", {
        online: output.ballots.ballotsOnline,
        offline: output.ballots.ballotsOffline,
        confirmed: output.ballots.stationsConfirmed,
        stations: output.ballots.stationsTotal,
      })}
    </p>
  );
}

/** Everything of a round's result, in reading order. */
export function EvaluationResult({ output }: { output: Output }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <BallotFacts output={output} />
      <EvaluationRows output={output} />
      <section>
        <h3 className="mb-2 text-lg font-semibold">{t("evaluation.perBrand")}</h3>
        <BrandTable output={output} />
      </section>
      <section>
        <h3 className="mb-2 text-lg font-semibold">{t("evaluation.comments")}</h3>
        <CommentList output={output} />
      </section>
    </div>
  );
}
