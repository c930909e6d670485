/**
 * A 一社一品 brand: its profile (theme, tagline, 治理路径, story, status and honours) and its
 * rounds as a timeline, one card per round and a row per project (scores, money per fund,
 * delivery, 效果共评 mean). Phone first, no JavaScript needed; the street's page and the public
 * page both show it (the public one only its published rounds, the model decides).
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { BrandRound } from "~/domain/brand";
import type { BrandStatus, BrandTheme } from "~/domain/enums";
import { formatHundredths } from "~/domain/judge-scoring";
import { formatYuan } from "~/domain/money";

export interface BrandProfileView {
  name: string;
  communityName: string;
  theme: BrandTheme;
  tagline: string;
  governancePath: string;
  story: string;
  status: BrandStatus;
  maturedOn: string | null;
  promotedTo: string;
  honours: Array<{ id: number; title: string; awardedBy: string; year: number }>;
}

export function BrandStatusBadge({ status }: { status: BrandStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ${
        status === "mature" ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"
      }`}
    >
      {t(`brands.statuses.${status}`)}
    </span>
  );
}

export function BrandProfile({ brand }: { brand: BrandProfileView }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-sm text-brand-800">
          {t(`brands.themes.${brand.theme}`)}
        </span>
        <BrandStatusBadge status={brand.status} />
      </div>
      {brand.tagline ? <p className="text-lg text-brand-800">{brand.tagline}</p> : null}
      {brand.status === "mature" && brand.maturedOn ? (
        <p className="text-base text-emerald-900">
          {t("brands.maturedLine", { date: brand.maturedOn, where: brand.promotedTo || "—" })}
        </p>
      ) : null}
      {brand.governancePath ? (
        <div>
          <h3 className="text-sm font-medium text-stone-500">{t("brands.governancePath")}</h3>
          <p className="whitespace-pre-line text-base">{brand.governancePath}</p>
        </div>
      ) : null}
      {brand.story ? (
        <div>
          <h3 className="text-sm font-medium text-stone-500">{t("brands.story")}</h3>
          <p className="whitespace-pre-line text-base">{brand.story}</p>
        </div>
      ) : null}
    </div>
  );
}

export function HonoursList({ honours }: { honours: BrandProfileView["honours"] }) {
  const { t } = useTranslation();
  if (!honours.length) return <p className="text-stone-500">{t("brands.noHonours")}</p>;
  return (
    <ul className="space-y-2">
      {honours.map((h) => (
        <li key={h.id} className="rounded-lg bg-amber-50 p-3">
          <p className="font-medium">{h.title}</p>
          <p className="text-sm text-stone-600">
            {h.year}
            {h.awardedBy ? ` · ${h.awardedBy}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The rounds, oldest first; `projectHref` links a project (public page of its round). */
export function BrandRounds({
  rounds,
  projectHref,
}: {
  rounds: BrandRound[];
  projectHref?: (round: BrandRound, proposalId: number) => string;
}) {
  const { t } = useTranslation();
  if (!rounds.length) return <p className="text-stone-500">{t("brands.noRounds")}</p>;
  return (
    <ol className="space-y-4 border-l-2 border-brand-200 pl-4">
      {rounds.map((r) => (
        <li key={r.competitionId} className="space-y-3" data-testid="brand-round">
          <div>
            <p className="text-sm font-medium text-brand-700">{r.year}</p>
            <h3 className="text-lg font-semibold leading-snug">
              {r.published ? (
                <Link to={`/p/${r.slug}/results`} className="underline">
                  {r.title}
                </Link>
              ) : (
                r.title
              )}
            </h3>
            {!r.published ? (
              <p className="text-sm text-stone-500">{t("brands.notPublished")}</p>
            ) : null}
          </div>
          {r.projects.map((p) => (
            <article key={p.proposalId} className="rounded-xl border border-stone-200 p-3">
              <h4 className="text-base font-semibold">
                {projectHref && p.result ? (
                  <Link to={projectHref(r, p.proposalId)} className="text-brand-800 underline">
                    {p.title}
                  </Link>
                ) : (
                  p.title
                )}
              </h4>
              {!p.result ? (
                <p className="text-sm text-stone-500">{t(`proposal.statuses.${p.status}`)}</p>
              ) : (
                <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 text-base sm:grid-cols-4">
                  <Fact label={t("brands.rank")} value={`#${p.result.rank}`} />
                  <Fact
                    label={t("brands.judgeScore")}
                    value={
                      p.result.judgeScore == null ? "—" : formatHundredths(p.result.judgeScore)
                    }
                  />
                  <Fact label={t("brands.votes")} value={String(p.result.votes)} />
                  <Fact label={t("brands.combined")} value={p.result.combined} />
                  {r.funds.map((f) => (
                    <Fact
                      key={f.kind}
                      label={f.name}
                      value={`${formatYuan(p.result!.amounts.find((a) => a.kind === f.kind)?.fen ?? 0)} ${t("common.yuan")}`}
                    />
                  ))}
                  <Fact
                    wide
                    label={t("brands.delivery")}
                    value={
                      p.delivery
                        ? `${t(`delivery.statuses.${p.delivery.status}`)}${p.delivery.atRisk ? ` · ${t("delivery.atRisk")}` : ""}`
                        : t("brands.notFunded")
                    }
                    hint={
                      p.delivery
                        ? t("brands.paidSpent", {
                            paid: formatYuan(p.delivery.paidFen),
                            spent: formatYuan(p.delivery.spentFen),
                          })
                        : undefined
                    }
                  />
                  <Fact
                    label={t("brands.evaluation")}
                    value={
                      p.evaluation && p.evaluation.count > 0
                        ? t("brands.evaluationMean", {
                            mean: p.evaluation.mean,
                            count: p.evaluation.count,
                          })
                        : "—"
                    }
                  />
                </dl>
              )}
            </article>
          ))}
        </li>
      ))}
    </ol>
  );
}

function Fact({
  label,
  value,
  hint,
  wide,
}: {
  label: string;
  value: string;
  hint?: string;
  /** Two columns on a phone (a longer line). */
  wide?: boolean;
}) {
  return (
    <div className={`min-w-0 ${wide ? "col-span-2 sm:col-span-1" : ""}`}>
      <dt className="text-sm text-stone-500">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
      {hint ? <dd className="text-sm text-stone-600">{hint}</dd> : null}
    </div>
  );
}
