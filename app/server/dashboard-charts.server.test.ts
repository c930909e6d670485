import { describe, expect, it } from "vitest";
import { buildDashboard } from "~/domain/dashboard";
import { createI18n } from "~/i18n/i18n";
import { dashboardCharts } from "./dashboard-charts.server";

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
    const charts = dashboardCharts(t, d.communities, d.street);
    for (const chart of [charts.needs, charts.money!, charts.projects!]) {
      expect(chart.wide).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect(chart.narrow).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect(chart.wide).not.toContain("<script");
      expect(chart.narrow).not.toContain("<script");
    }
    expect(charts.needs.wide).toContain("杏园社区");
    expect(charts.needs.wide).toContain("&lt;script&gt;");
    expect(charts.needs.title).toBe(t("dashboard.chartNeeds"));
  });

  it("draws no money or project chart while nothing is funded", () => {
    const d = dashboard("兰园社区", false);
    const charts = dashboardCharts(t, d.communities, d.street);
    expect(charts.money).toBeNull();
    expect(charts.projects).toBeNull();
    expect(charts.needs.wide).toContain("<svg");
  });
});
