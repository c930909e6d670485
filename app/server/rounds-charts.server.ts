/**
 * The charts of the rounds compared (SVG drawn on the server with the shared helpers of
 * charts.server.ts): money per round, turnout per round, each community's grants across rounds.
 * The page has a table of the same numbers under each.
 */
import { ballotsOf, communitiesAcrossRounds, type RoundFigures } from "~/domain/rounds";
import { both, groupedBars, wan, type ChartSvg, type Tr } from "./charts.server";

export function roundsCharts(
  t: Tr,
  rounds: readonly RoundFigures[],
): { money: ChartSvg | null; turnout: ChartSvg | null; communities: ChartSvg | null } {
  const labels = rounds.map((r) => `${r.year} · ${t("nextRound.roundN", { round: r.round })}`);
  const money = rounds.some((r) => r.grantedFen > 0)
    ? both(t("rounds.chartMoney"), (narrow) =>
        groupedBars(
          labels,
          [
            { name: t("dashboard.money.granted"), data: rounds.map((r) => wan(r.grantedFen)) },
            { name: t("dashboard.money.paid"), data: rounds.map((r) => wan(r.paidFen)) },
            { name: t("dashboard.money.spent"), data: rounds.map((r) => wan(r.spentFen)) },
          ],
          { narrow },
        ),
      )
    : null;
  const turnout = rounds.some((r) => ballotsOf(r) + r.registryVoters > 0)
    ? both(t("rounds.chartTurnout"), (narrow) =>
        groupedBars(
          labels,
          [
            { name: t("rounds.online"), data: rounds.map((r) => r.ballotsOnline) },
            { name: t("rounds.paper"), data: rounds.map((r) => r.ballotsPaper) },
            { name: t("rounds.registry"), data: rounds.map((r) => r.registryVoters) },
          ],
          { narrow },
        ),
      )
    : null;
  const rows = communitiesAcrossRounds(rounds).filter((c) => c.cells.some((x) => x));
  const communities =
    rows.length && rounds.length && money
      ? both(t("rounds.chartCommunities"), (narrow) =>
          groupedBars(
            rows.map((c) => c.name),
            rounds.map((r, i) => ({
              name: labels[i]!,
              data: rows.map((c) => wan(c.cells[i]?.grantedFen ?? 0)),
            })),
            { narrow },
          ),
        )
      : null;
  return { money, turnout, communities };
}
