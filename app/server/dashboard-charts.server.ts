/**
 * The dashboard's charts, drawn on the server as SVG by Apache ECharts (its SSR renderer, no
 * DOM): the page carries finished SVG, reads without JavaScript, and no chart code reaches the
 * browser. Each chart comes in two widths (desktop and phone; CSS shows one), so the text stays
 * legible on a 390 px phone. Every chart has a table of the same numbers beside it on the page.
 *
 * Labels (community names) are escaped by ECharts' SVG writer; the SVG goes into the page as it is.
 */
import type { DashboardPart } from "~/domain/dashboard";
import { both, groupedBars, NARROW, render, wan, type ChartSvg, type Tr } from "./charts.server";

export function dashboardCharts(
  t: Tr,
  parts: readonly DashboardPart[],
  street: DashboardPart,
): { needs: ChartSvg; money: ChartSvg | null; projects: ChartSvg | null } {
  const names = parts.map((p) => p.name);
  const needs = both(t("dashboard.chartNeeds"), (narrow) =>
    groupedBars(
      names,
      (["collected", "matched", "inProject", "resolved"] as const).map((k) => ({
        name: t(`dashboard.needs.${k}`),
        data: parts.map((p) => p.needs[k]),
      })),
      { narrow },
    ),
  );
  const money =
    street.money.grantedFen > 0
      ? both(t("dashboard.chartMoney"), (narrow) =>
          groupedBars(
            names,
            [
              {
                name: t("dashboard.money.granted"),
                data: parts.map((p) => wan(p.money.grantedFen)),
              },
              { name: t("dashboard.money.paid"), data: parts.map((p) => wan(p.money.paidFen)) },
              { name: t("dashboard.money.spent"), data: parts.map((p) => wan(p.money.spentFen)) },
            ],
            { narrow },
          ),
        )
      : null;
  const slices = (["notStarted", "inProgress", "late", "done", "terminated"] as const)
    .map((k) => ({ name: t(`dashboard.projects.${k}`), value: street.projects[k], key: k }))
    .filter((s) => s.value > 0);
  const projects =
    street.projects.total > 0
      ? both(t("dashboard.chartProjects"), (narrow) =>
          render(
            {
              color: slices.map(
                (s) =>
                  ({
                    notStarted: "#8a8f98",
                    inProgress: "#3b5ba5",
                    late: "#e38b29",
                    done: "#2f7d6d",
                    terminated: "#c0341e",
                  })[s.key],
              ),
              series: [
                {
                  type: "pie",
                  radius: narrow ? ["30%", "52%"] : ["34%", "60%"],
                  center: ["50%", "52%"],
                  data: slices.map(({ name, value }) => ({ name, value })),
                  label: {
                    fontSize: narrow ? 12 : 14,
                    formatter: "{b} {c}",
                  },
                },
              ],
            },
            narrow ? NARROW : 520,
            narrow ? 260 : 320,
          ),
        )
      : null;
  return { needs, money, projects };
}
