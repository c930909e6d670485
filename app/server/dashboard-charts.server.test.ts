import { describe, expect, it } from "vitest";
import { buildDashboard } from "~/domain/dashboard";
import { createI18n } from "~/i18n/i18n";
import { CHART_NAMES, dashboardChart, dashboardChartTitles } from "./dashboard-charts.server";

const t = createI18n("zh-CN").t as unknown as (key: string) => string;

function dashboard(name: string, withProjects: boolean) {
  return buildDashboard({
    communities: [
      { id: 1, name },
      { id: 2, name: "杏园社区" },
    ],
    funds: [{ id: 1, kind: "street", name: "街道惠民资金" }],
    needs: [{ id: 1, communityId: 1, status: "resolved" }],
    matchedNeedIds: [],
    projectNeedIds: [1],
    deliveries: withProjects ? [{ id: 1, communityId: 1, status: "done", atRisk: false }] : [],
    grants: withProjects
      ? [{ deliveryId: 1, fundId: 1, grantedFen: 500_000, paidFen: 250_000 }]
      : [],
    spending: [],
  });
}

describe("dashboard charts (SVG on the server)", () => {
  it("draws SVG in two widths, names escaped", () => {
    const d = dashboard('<script>alert("x")</script>兰园', true);
    for (const name of CHART_NAMES)
      for (const narrow of [false, true]) {
        const svg = dashboardChart(t, name, narrow, d.communities, d.street)!;
        expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
        expect(svg).not.toContain("<script");
        // Well-formed XML (an image, not inline HTML): an attribute's closing quote is followed
        // by a space, `/` or `>`, never by more text.
        expect(svg).not.toMatch(/="[^"]*"[^\s/>]/);
        expect(svg).toMatch(narrow ? /width="360"/ : /width="(960|520)"/);
      }
    const needs = dashboardChart(t, "needs", false, d.communities, d.street)!;
    expect(needs).toContain("杏园社区");
    expect(needs).toContain("&lt;script&gt;");
    expect(dashboardChartTitles(t, d.street)).toEqual({
      needs: t("dashboard.chartNeeds"),
      money: t("dashboard.chartMoney"),
      projects: t("dashboard.chartProjects"),
    });
  });

  it("draws no money or project chart while nothing is funded", () => {
    const d = dashboard("兰园社区", false);
    expect(dashboardChartTitles(t, d.street)).toMatchObject({ money: null, projects: null });
    expect(dashboardChart(t, "money", false, d.communities, d.street)).toBeNull();
    expect(dashboardChart(t, "projects", true, d.communities, d.street)).toBeNull();
    expect(dashboardChart(t, "needs", true, d.communities, d.street)).toContain("<svg");
  });
});
