/**
 * The dashboard's charts, drawn on the server as SVG by Apache ECharts (its SSR renderer, no
 * DOM): served as SVG files beside the page's exports (`chart-<name>-wide|narrow.svg`), shown
 * with <picture> so a phone loads only its own width, read without JavaScript, and no chart code
 * (and no SVG in the page's HTML or its data) reaches the browser. Every chart has a table of the
 * same numbers beside it on the page.
 *
 * Labels (community names) are escaped by ECharts' SVG writer; the SVG goes into the page as it is.
 */
import * as echarts from "echarts";
import type { DashboardPart } from "~/domain/dashboard";

type Tr = (key: string, values?: Record<string, unknown>) => string;

const COLORS = ["#c0341e", "#e38b29", "#2f7d6d", "#3b5ba5", "#8a8f98"];
// Single quotes: the SVG is served as an image, so it must be well-formed XML (a double quote would
// end ECharts' style attribute early and the browser shows a broken image).
const FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const WIDE = 960;
const NARROW = 360;

function render(option: echarts.EChartsCoreOption, width: number, height: number) {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: FONT, fontSize: 13, color: "#44403c" },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Horizontal grouped bars: one row per community, one bar per series. */
function groupedBars(
  categories: string[],
  series: Array<{ name: string; data: number[] }>,
  opts: { unit?: string; narrow: boolean },
) {
  const rowHeight = opts.narrow ? 12 * series.length + 14 : 10 * series.length + 14;
  const top = opts.narrow ? 64 : 44;
  const height = top + 36 + rowHeight * categories.length;
  const width = opts.narrow ? NARROW : WIDE;
  return render(
    {
      legend: {
        top: 4,
        left: "center",
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { fontSize: opts.narrow ? 12 : 13 },
      },
      grid: {
        top,
        bottom: 28,
        left: opts.narrow ? 8 : 12,
        right: opts.narrow ? 40 : 56,
        containLabel: true,
      },
      xAxis: {
        type: "value",
        minInterval: 1,
        axisLabel: { fontSize: 11, formatter: opts.unit ? `{value}${opts.unit}` : "{value}" },
        splitLine: { lineStyle: { color: "#e7e5e4" } },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: categories,
        axisLabel: {
          fontSize: opts.narrow ? 12 : 13,
          width: opts.narrow ? 100 : 140,
          overflow: "truncate",
        },
        axisTick: { show: false },
      },
      series: series.map((s) => ({
        name: s.name,
        type: "bar",
        data: s.data,
        barMaxWidth: 12,
        barGap: "10%",
        label: {
          show: true,
          position: "right",
          fontSize: 10,
          color: "#57534e",
          formatter: (p: { value: number }) => (p.value ? String(p.value) : ""),
        },
      })),
    },
    width,
    height,
  );
}

/** 万元 with up to two decimals, for axis and bar labels. */
function wan(fen: number) {
  return Math.round(fen / 10_000) / 100;
}

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
