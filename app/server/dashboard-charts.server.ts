/**
 * The dashboard's charts, drawn on the server as SVG by Apache ECharts (its SSR renderer, no
 * DOM): served as SVG files beside the page's exports (`chart-<name>-wide|narrow.svg`), shown
 * with <picture> so a phone loads only its own width, read without JavaScript, and no chart code
 * (and no SVG in the page's HTML or its data) reaches the browser. Every chart has a table of the
 * same numbers beside it on the page.
 *
 * Labels (community names) are escaped by ECharts' SVG writer; the SVG goes into the page as it is.
 */
import type { DashboardPart } from "~/domain/dashboard";
import { groupedBars, NARROW, render, wan, type Tr } from "./charts.server";

export const CHART_NAMES = ["needs", "money", "projects"] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/**
 * The charts the dashboard has for these figures, by name, with their accessible titles (money
 * and projects only once something is funded). The page links each as an SVG file.
 */
export function dashboardChartTitles(
  t: Tr,
  street: DashboardPart,
): Record<ChartName, string | null> {
  return {
    needs: t("dashboard.chartNeeds"),
    money: street.money.grantedFen > 0 ? t("dashboard.chartMoney") : null,
    projects: street.projects.total > 0 ? t("dashboard.chartProjects") : null,
  };
}

/** One chart as SVG, at the desktop or the phone width (null: the dashboard has no such chart). */
export function dashboardChart(
  t: Tr,
  name: ChartName,
  narrow: boolean,
  parts: readonly DashboardPart[],
  street: DashboardPart,
): string | null {
  if (dashboardChartTitles(t, street)[name] === null) return null;
  const names = parts.map((p) => p.name);
  if (name === "needs")
    return groupedBars(
      names,
      (["collected", "matched", "inProject", "resolved"] as const).map((k) => ({
        name: t(`dashboard.needs.${k}`),
        data: parts.map((p) => p.needs[k]),
      })),
      { narrow },
    );
  if (name === "money")
    return groupedBars(
      names,
      [
        { name: t("dashboard.money.granted"), data: parts.map((p) => wan(p.money.grantedFen)) },
        { name: t("dashboard.money.paid"), data: parts.map((p) => wan(p.money.paidFen)) },
        { name: t("dashboard.money.spent"), data: parts.map((p) => wan(p.money.spentFen)) },
      ],
      { narrow },
    );
  const slices = (["notStarted", "inProgress", "late", "done", "terminated"] as const)
    .map((k) => ({ name: t(`dashboard.projects.${k}`), value: street.projects[k], key: k }))
    .filter((s) => s.value > 0);
  return render(
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
          label: { fontSize: narrow ? 12 : 14, formatter: "{b} {c}" },
        },
      ],
    },
    narrow ? NARROW : 520,
    narrow ? 260 : 320,
  );
}
