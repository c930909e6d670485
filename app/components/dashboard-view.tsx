/**
 * The 效果清单 page body, the same for the street, a secretary and the public: summary figures,
 * each chart (SVG drawn on the server) with a table of the same numbers below it, the projects,
 * the downloads. Reads without JavaScript; no chart code in the browser.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  decimal2,
  needShares,
  percent,
  type DashboardPart,
  type Fraction,
} from "~/domain/dashboard";
import { formatYuan } from "~/domain/money";
import type { dashboardPage } from "~/server/dashboard.server";
import { DeliveryStatusBadge } from "./delivery-view";

type PageData = SerializeFrom<Awaited<ReturnType<typeof dashboardPage>>>;
type Part = SerializeFrom<DashboardPart>;
type Chart = { title: string; wide: string; narrow: string };

function pct(f: Fraction) {
  return percent(f) ?? 0;
}

/** A chart drawn on the server (wide and narrow SVG), its table elsewhere on the page. */
export function ChartFigure({ chart, id }: { chart: Chart; id: string }) {
  const { t } = useTranslation();
  return (
    <figure className="space-y-2" data-chart={id}>
      <figcaption className="font-medium text-stone-700">{chart.title}</figcaption>
      <div role="img" aria-label={chart.title} aria-describedby={`${id}-table`}>
        <div
          className="hidden sm:block [&>svg]:h-auto [&>svg]:max-w-full"
          dangerouslySetInnerHTML={{ __html: chart.wide }}
        />
        <div
          className="sm:hidden [&>svg]:h-auto [&>svg]:w-full"
          dangerouslySetInnerHTML={{ __html: chart.narrow }}
        />
      </div>
      <p className="sr-only">{t("dashboard.chartNote")}</p>
    </figure>
  );
}

function RowName({ part }: { part: Part }) {
  const { t } = useTranslation();
  return (
    <th
      scope="row"
      className={`sticky left-0 px-2 py-1.5 text-left font-medium whitespace-nowrap ${
        part.communityId === null ? "bg-stone-50" : "bg-white"
      }`}
    >
      {part.communityId === null ? t("dashboard.street") : part.name}
    </th>
  );
}

const cell = "px-2 py-1.5 text-right tabular-nums whitespace-nowrap";
const head = "px-2 py-1.5 text-right font-medium whitespace-nowrap";

function DataTable({
  id,
  caption,
  header,
  rows,
  render,
}: {
  id: string;
  caption: string;
  header: string[];
  rows: Part[];
  render: (p: Part) => Array<string | number>;
}) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table id={`${id}-table`} className="min-w-full text-sm" data-testid={`${id}-table`}>
        <caption className="px-2 py-2 text-left text-sm font-medium text-stone-600">
          {caption}
        </caption>
        <thead className="bg-stone-50 text-stone-600">
          <tr>
            <th scope="col" className="sticky left-0 bg-stone-50 px-2 py-1.5 text-left font-medium">
              {t("dashboard.community")}
            </th>
            {header.map((h) => (
              <th key={h} scope="col" className={head}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr
              key={p.communityId ?? "street"}
              className={
                p.communityId === null
                  ? "border-t-2 border-stone-300 bg-stone-50 font-semibold"
                  : "border-t border-stone-100"
              }
              data-row={p.communityId ?? "street"}
            >
              <RowName part={p} />
              {render(p).map((v, i) => (
                <td key={i} className={cell}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Which published round the figures below come from, linked to its public result. */
function RoundLink({
  round,
  mode,
}: {
  round: { slug: string; title: string } | null;
  mode: "rating" | "approval";
}) {
  const { t } = useTranslation();
  if (!round) return null;
  return (
    <p className="text-sm text-stone-600" data-testid={`evaluation-round-${mode}`}>
      {t(`dashboard.evaluation.from.${mode}`)}
      <Link to={`/p/${round.slug}/results`} className="text-brand-800 underline">
        {round.title}
      </Link>
    </p>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="card space-y-1">
      <p className="text-sm text-stone-500">{label}</p>
      <p className="text-2xl font-semibold tabular-nums text-brand-800">{value}</p>
      <p className="text-sm text-stone-600">{note}</p>
    </div>
  );
}

export function DashboardView({
  page,
  title,
  exportBase,
  selector,
}: {
  page: PageData;
  title: string;
  /** Where the files are: `${exportBase}/dashboard.csv` (with the competition chosen). */
  exportBase: string;
  /** Show the competition selector (staff pages). */
  selector: boolean;
}) {
  const { t } = useTranslation();
  const { data, charts } = page;
  const query = data && selector ? `?competition=${data.competition.id}` : "";
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6" data-testid="dashboard">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {data ? (
          <p className="text-stone-600">
            {data.competition.title}
            {data.competition.published ? null : ` · ${t("dashboard.notPublished")}`}
          </p>
        ) : null}
        <p className="max-w-3xl text-sm text-stone-600">{t("dashboard.intro")}</p>
      </header>

      {selector && page.competitions.length > 0 ? (
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <label className="space-y-1">
            <span className="block text-sm text-stone-600">{t("dashboard.competition")}</span>
            <select
              name="competition"
              defaultValue={data?.competition.id}
              className="input min-w-64"
            >
              {page.competitions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                  {c.published ? "" : ` (${t("dashboard.notPublished").split(":")[0]})`}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn-secondary">
            {t("dashboard.show")}
          </button>
        </Form>
      ) : null}

      {!data || !charts ? (
        <p className="card text-stone-500">{t("dashboard.noCompetition")}</p>
      ) : (
        <DashboardBody data={data} charts={charts} query={query} exportBase={exportBase} />
      )}
    </main>
  );
}

function DashboardBody({
  data,
  charts,
  query,
  exportBase,
}: {
  data: NonNullable<PageData["data"]>;
  charts: NonNullable<PageData["charts"]>;
  query: string;
  exportBase: string;
}) {
  const { t } = useTranslation();
  const street = data.dashboard.street;
  const rows = data.rows;
  const shares = needShares(street.needs);
  const paidShare = { num: street.money.paidFen, den: street.money.grantedFen };
  const approvalBallots = rows.find((p) => p.approval)?.approval?.ballots;
  return (
    <>
      <section className="grid gap-3 sm:grid-cols-3" aria-label={t("dashboard.title")}>
        <Stat
          label={t("dashboard.resolvedCard")}
          value={`${street.needs.resolved} / ${street.needs.collected}`}
          note={t("dashboard.ofCollected", { pct: pct(shares.resolved) })}
        />
        <Stat
          label={t("dashboard.paidCard")}
          value={`¥${formatYuan(street.money.paidFen)}`}
          note={t("dashboard.ofGranted", { pct: pct(paidShare) })}
        />
        <Stat
          label={t("dashboard.doneCard")}
          value={String(street.projects.done)}
          note={t("dashboard.ofTotal", { total: street.projects.total })}
        />
      </section>

      <section className="space-y-3" aria-labelledby="dash-needs">
        <h2 id="dash-needs" className="text-xl font-semibold">
          {t("dashboard.needsTitle")}
        </h2>
        <ChartFigure chart={charts.needs} id="needs" />
        <DataTable
          id="needs"
          caption={t("dashboard.tableNeeds")}
          header={(["collected", "matched", "inProject", "resolved"] as const).map((k) =>
            t(`dashboard.needs.${k}`),
          )}
          rows={rows}
          render={(p) => {
            const s = needShares(p.needs);
            const withPct = (n: number, f: Fraction) => (f.den ? `${n}(${pct(f)}%)` : String(n));
            return [
              p.needs.collected,
              withPct(p.needs.matched, s.matched),
              withPct(p.needs.inProject, s.inProject),
              withPct(p.needs.resolved, s.resolved),
            ];
          }}
        />
        <p className="text-sm text-stone-500">{t("dashboard.needsNote")}</p>
      </section>

      <section className="space-y-3" aria-labelledby="dash-money">
        <h2 id="dash-money" className="text-xl font-semibold">
          {t("dashboard.moneyTitle")}
        </h2>
        {charts.money ? <ChartFigure chart={charts.money} id="money" /> : null}
        <DataTable
          id="money"
          caption={t("dashboard.tableMoney")}
          header={[
            ...data.funds.flatMap((f) => [
              t("dashboard.money.grantedOf", { fund: f.name }),
              t("dashboard.money.paidOf", { fund: f.name }),
              t("dashboard.money.spentOf", { fund: f.name }),
            ]),
            t("dashboard.money.granted"),
            t("dashboard.money.paid"),
            t("dashboard.money.spent"),
            t("dashboard.money.toPay"),
          ]}
          rows={rows}
          render={(p) => [
            ...p.money.funds.flatMap((f) => [
              formatYuan(f.grantedFen),
              formatYuan(f.paidFen),
              formatYuan(f.spentFen),
            ]),
            formatYuan(p.money.grantedFen),
            formatYuan(p.money.paidFen),
            formatYuan(p.money.spentFen),
            formatYuan(p.money.toPayFen),
          ]}
        />
        <p className="text-sm text-stone-500" data-testid="spent-note">
          {t("dashboard.spentPerFundNote")}
          {street.money.spentSharedFen > 0
            ? t("dashboard.spentShared", { amount: formatYuan(street.money.spentSharedFen) })
            : t("dashboard.spentNoneShared")}
        </p>
      </section>

      <section className="space-y-3" aria-labelledby="dash-projects">
        <h2 id="dash-projects" className="text-xl font-semibold">
          {t("dashboard.projectsTitle")}
        </h2>
        {charts.projects ? <ChartFigure chart={charts.projects} id="projects" /> : null}
        <DataTable
          id="projects"
          caption={t("dashboard.tableProjects")}
          header={(["total", "onTime", "late", "done", "terminated", "atRisk"] as const).map((k) =>
            t(`dashboard.projects.${k}`),
          )}
          rows={rows}
          render={(p) => [
            p.projects.total,
            p.projects.onTime,
            p.projects.late,
            p.projects.done,
            p.projects.terminated,
            p.projects.atRisk,
          ]}
        />
      </section>

      <section className="space-y-3" aria-labelledby="dash-evaluation">
        <h2 id="dash-evaluation" className="text-xl font-semibold">
          {t("dashboard.evaluationTitle")}
        </h2>
        {data.dashboard.evaluatedBy.rating ? (
          <>
            <RoundLink round={data.evaluationRounds.rating} mode="rating" />
            <DataTable
              id="evaluation"
              caption={t("dashboard.evaluationTitle")}
              header={[t("dashboard.evaluation.average"), t("dashboard.evaluation.ratings")]}
              rows={rows}
              render={(p) => [
                p.evaluation ? decimal2(p.evaluation.average) : "",
                p.evaluation?.ratings ?? 0,
              ]}
            />
          </>
        ) : null}
        {data.dashboard.evaluatedBy.approval ? (
          <>
            <RoundLink round={data.evaluationRounds.approval} mode="approval" />
            <DataTable
              id="approval"
              caption={t("dashboard.evaluation.approvalCaption")}
              header={[
                t("dashboard.evaluation.approvals"),
                t("dashboard.evaluation.projects"),
                t("dashboard.evaluation.share"),
              ]}
              rows={rows}
              render={(p) =>
                p.approval
                  ? [
                      p.approval.approvals,
                      p.approval.projects,
                      p.approval.share ? `${pct(p.approval.share)}%` : "",
                    ]
                  : ["", "", ""]
              }
            />
            {approvalBallots !== undefined ? (
              <p className="text-sm text-stone-500">
                {t("dashboard.evaluation.shareNote", { ballots: approvalBallots })}
              </p>
            ) : null}
          </>
        ) : null}
        {!data.dashboard.evaluated ? (
          <p className="card text-stone-500" data-testid="no-evaluation">
            {t("dashboard.noEvaluation")}
          </p>
        ) : null}
      </section>

      <section className="space-y-3" aria-labelledby="dash-list">
        <h2 id="dash-list" className="text-xl font-semibold">
          {t("dashboard.projectList")}
        </h2>
        {data.projects.length === 0 ? (
          <p className="card text-stone-500">{t("dashboard.noProjects")}</p>
        ) : (
          <ul className="grid gap-2 md:grid-cols-2" data-testid="project-list">
            {data.projects.map((p) => (
              <li key={p.proposalId} className="card space-y-1">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <Link
                    to={`/p/${data.competition.slug}/${p.proposalId}`}
                    className="font-semibold text-brand-800 underline"
                  >
                    {p.title}
                  </Link>
                  <DeliveryStatusBadge status={p.status} atRisk={p.atRisk} />
                </div>
                <p className="text-sm text-stone-500">{p.communityName}</p>
                <p className="text-sm tabular-nums text-stone-700">
                  {t("dashboard.money.granted")} ¥{formatYuan(p.grantedFen)} ·{" "}
                  {t("dashboard.money.paid")} ¥{formatYuan(p.paidFen)} ·{" "}
                  {t("dashboard.money.spent")} ¥{formatYuan(p.spentFen)} ·{" "}
                  {t("dashboard.milestones")} {p.milestonesDone}/{p.milestones}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card space-y-2" aria-labelledby="dash-exports">
        <h2 id="dash-exports" className="text-lg font-semibold">
          {t("dashboard.exports")}
        </h2>
        <p className="flex flex-wrap gap-2">
          <a className="btn-secondary" href={`${exportBase}/dashboard.csv${query}`} download>
            {t("dashboard.csv")}
          </a>
          <a className="btn-secondary" href={`${exportBase}/dashboard.xlsx${query}`} download>
            {t("dashboard.xlsx")}
          </a>
          <a className="btn-secondary" href={`${exportBase}/dashboard.json${query}`}>
            {t("dashboard.json")}
          </a>
        </p>
        <p className="text-sm text-stone-500">{t("dashboard.hashNote")}</p>
      </section>
    </>
  );
}
