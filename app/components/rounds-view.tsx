/**
 * Rounds compared side by side, the same for the street and the public: per round (money per
 * fund, turnout, projects, satisfaction) and per community across rounds, each chart (SVG drawn
 * on the server) with a table of the same numbers. Rounds are columns; on a phone the tables
 * scroll sideways with the first column kept in view. Reads without JavaScript.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { decimal2 } from "~/domain/dashboard";
import { formatYuan } from "~/domain/money";
import { ballotsOf, communitiesAcrossRounds, type RoundFigures } from "~/domain/rounds";
import type { roundsPage } from "~/server/rounds.server";

type Chart = { title: string; wide: string; narrow: string };

/**
 * A chart drawn on the server, both widths inline (CSS shows one): the rounds page has a few,
 * small ones. (The 效果清单's are SVG files instead; see dashboard-view.)
 */
function ChartFigure({ chart, id }: { chart: Chart; id: string }) {
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

type PageData = SerializeFrom<Awaited<ReturnType<typeof roundsPage>>>;

function Table({
  id,
  caption,
  rounds,
  rows,
  first,
  linkOf,
}: {
  id: string;
  caption: string;
  rounds: PageData["rounds"];
  /** `wrap`: long text (a title) wraps instead of widening the table. */
  rows: Array<{ key: string; label: ReactNode; cells: ReactNode[]; wrap?: boolean }>;
  first: string;
  linkOf: (r: PageData["rounds"][number]) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200">
      <table id={`${id}-table`} className="min-w-full text-sm" data-testid={`${id}-table`}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-stone-50">
          <tr>
            <th scope="col" className="sticky left-0 bg-stone-50 px-2 py-1.5 text-left">
              {first}
            </th>
            {rounds.map((r) => (
              <th key={r.id} scope="col" className="px-2 py-1.5 text-right whitespace-nowrap">
                <Link to={linkOf(r)} className="text-brand-700 underline">
                  {`${r.year} · ${t("nextRound.roundN", { round: r.round })}`}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-stone-100">
              <th
                scope="row"
                className="sticky left-0 bg-white px-2 py-1.5 text-left font-medium whitespace-nowrap"
              >
                {row.label}
              </th>
              {row.cells.map((cell, i) => (
                <td
                  key={i}
                  className={`px-2 py-1.5 text-right tabular-nums ${
                    row.wrap ? "min-w-32 align-top" : "whitespace-nowrap"
                  }`}
                >
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RoundsView({
  page,
  title,
  linkOf,
}: {
  page: PageData;
  title: string;
  linkOf: (r: PageData["rounds"][number]) => string;
}) {
  const { t } = useTranslation();
  const { rounds, charts } = page;
  const mean = (f: PageData["rounds"][number]["satisfaction"]) =>
    f ? decimal2(f) : t("rounds.notEvaluated");
  // Funds by kind and name across the rounds (a fund renamed is a row of its own).
  const fundKeys = [
    ...new Map(
      rounds.flatMap((r) => r.funds.map((f) => [`${f.kind}:${f.name}`, f] as const)),
    ).values(),
  ];
  const fundOf = (r: PageData["rounds"][number], f: (typeof fundKeys)[number]) =>
    r.funds.find((x) => x.kind === f.kind && x.name === f.name);
  const money = (n: number | undefined) => (n === undefined ? "—" : formatYuan(n));
  const communities = communitiesAcrossRounds(rounds as unknown as RoundFigures[]);
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-6">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("rounds.intro")}</p>
      </div>
      {rounds.length === 0 ? (
        <p className="card">{t("rounds.none")}</p>
      ) : (
        <>
          <section className="space-y-3" aria-labelledby="rounds-per-round">
            <h2 id="rounds-per-round" className="text-xl font-semibold">
              {t("rounds.perRound")}
            </h2>
            {charts.money ? <ChartFigure chart={charts.money} id="rounds-money" /> : null}
            <Table
              id="rounds-money"
              caption={t("rounds.chartMoney")}
              rounds={rounds}
              first={t("rounds.round")}
              linkOf={linkOf}
              rows={[
                {
                  key: "title",
                  label: t("competition.title"),
                  cells: rounds.map((r) => r.title),
                  wrap: true,
                },
                ...fundKeys.flatMap((f) =>
                  (["grantedFen", "paidFen", "spentFen"] as const).map((k) => ({
                    key: `${f.kind}:${f.name}:${k}`,
                    label: `${f.name} ${t(`dashboard.money.${k.replace("Fen", "") as "granted" | "paid" | "spent"}`)}`,
                    cells: rounds.map((r) => money(fundOf(r, f)?.[k])),
                  })),
                ),
                {
                  key: "granted",
                  label: t("rounds.granted"),
                  cells: rounds.map((r) => formatYuan(r.grantedFen)),
                },
                {
                  key: "paid",
                  label: t("rounds.paid"),
                  cells: rounds.map((r) => formatYuan(r.paidFen)),
                },
                {
                  key: "spent",
                  label: t("rounds.spent"),
                  cells: rounds.map((r) => formatYuan(r.spentFen)),
                },
                {
                  key: "projects",
                  label: t("rounds.projects"),
                  cells: rounds.map((r) => r.projects),
                },
                {
                  key: "satisfaction",
                  label: t("rounds.satisfaction"),
                  cells: rounds.map((r) => mean(r.satisfaction)),
                },
              ]}
            />
            {charts.turnout ? <ChartFigure chart={charts.turnout} id="rounds-turnout" /> : null}
            <Table
              id="rounds-turnout"
              caption={t("rounds.chartTurnout")}
              rounds={rounds}
              first={t("rounds.round")}
              linkOf={linkOf}
              rows={[
                {
                  key: "online",
                  label: t("rounds.online"),
                  cells: rounds.map((r) => r.ballotsOnline),
                },
                {
                  key: "paper",
                  label: t("rounds.paper"),
                  cells: rounds.map((r) => r.ballotsPaper),
                },
                {
                  key: "ballots",
                  label: t("rounds.ballots"),
                  cells: rounds.map((r) => ballotsOf(r)),
                },
                {
                  key: "registry",
                  label: t("rounds.registry"),
                  cells: rounds.map((r) => r.registryVoters),
                },
              ]}
            />
          </section>
          <section className="space-y-3" aria-labelledby="rounds-per-community">
            <h2 id="rounds-per-community" className="text-xl font-semibold">
              {t("rounds.perCommunity")}
            </h2>
            {charts.communities ? (
              <ChartFigure chart={charts.communities} id="rounds-communities" />
            ) : null}
            <Table
              id="rounds-communities"
              caption={t("rounds.chartCommunities")}
              rounds={rounds}
              first={t("rounds.community")}
              linkOf={linkOf}
              rows={communities.map((c) => ({
                key: String(c.communityId),
                label: c.name,
                cells: c.cells.map((cell, i) =>
                  cell ? (
                    <span key={i} className="inline-block text-right leading-snug">
                      {t("rounds.communityGranted")} {formatYuan(cell.grantedFen)}
                      <br />
                      {t("rounds.communityProjects")} {cell.projects} · {t("rounds.communityUsed")}{" "}
                      {cell.voted}
                      <br />
                      {t("rounds.communitySatisfaction")} {mean(cell.satisfaction)}
                    </span>
                  ) : (
                    "—"
                  ),
                ),
              }))}
            />
          </section>
        </>
      )}
    </main>
  );
}
