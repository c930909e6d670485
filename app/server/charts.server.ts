/**
 * Charts drawn on the server as SVG by Apache ECharts (its SSR renderer, no DOM): the page
 * carries finished SVG, reads without JavaScript, and no chart code reaches the browser. Each
 * chart comes in two widths (desktop and phone; CSS shows one), so the text stays legible on a
 * 390 px phone. Shared by the 效果清单 (dashboard-charts.server.ts) and the rounds compared
 * (rounds-charts.server.ts); every chart has a table of the same numbers beside it on its page.
 *
 * Labels are escaped by ECharts' SVG writer; the SVG goes into the page as it is.
 */
import * as echarts from "echarts";

export interface ChartSvg {
  /** Accessible name of the chart (the table beside it has the numbers). */
  title: string;
  wide: string;
  narrow: string;
}

export type Tr = (key: string, values?: Record<string, unknown>) => string;

const COLORS = ["#c0341e", "#e38b29", "#2f7d6d", "#3b5ba5", "#8a8f98"];
// Single quotes: a chart may be served as an image (the 效果清单's), which must be well-formed
// XML; a double quote would end ECharts' style attribute early and the browser shows a broken
// image.
const FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const WIDE = 960;
export const NARROW = 360;

export function render(option: echarts.EChartsCoreOption, width: number, height: number) {
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
export function groupedBars(
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

export function both(title: string, make: (narrow: boolean) => string): ChartSvg {
  return { title, wide: make(false), narrow: make(true) };
}

/** 万元 with up to two decimals, for axis and bar labels. */
export function wan(fen: number) {
  return Math.round(fen / 10_000) / 100;
}
