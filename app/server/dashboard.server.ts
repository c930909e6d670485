/**
 * The 效果清单's pages and exports share this: which competition (`?competition=<id>`, else the
 * latest with a published result), who sees what (the street and observers every community and
 * the street's totals, a secretary their own community, everyone the public page of a competition
 * with a published result), the charts drawn on the server.
 */
import { invariantResponse } from "@epic-web/invariant";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createI18n } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import {
  listDashboardCompetitions,
  loadDashboard,
  pickCompetition,
  type DashboardCompetition,
  type DashboardData,
} from "~/models/dashboard.server";
import { requireUser } from "./auth.server";
import type { Tr } from "./charts.server";
import { CHART_NAMES, dashboardChart, dashboardChartTitles } from "./dashboard-charts.server";
import { dashboardFile, dashboardRows } from "./dashboard-export.server";

type DashboardAudience = "street" | "secretary" | "public";

/** A chart's file beside the exports: `chart-<name>-wide.svg` (desktop) or `-narrow.svg` (phone). */
const CHART_FILE = new RegExp(`^chart-(${CHART_NAMES.join("|")})-(wide|narrow)\\.svg$`);

/** `?competition=<id>`: a positive id, else none (a bad value is a 404, never a 500). */
function wantedCompetition(url: URL): number | null {
  const raw = url.searchParams.get("competition");
  if (raw === null || raw === "") return null;
  invariantResponse(/^\d{1,9}$/.test(raw) && Number(raw) > 0, "Not found", { status: 404 });
  return Number(raw);
}

interface Resolved {
  data: DashboardData | null;
  competitions: DashboardCompetition[];
}

/** Checks the audience and loads the dashboard it may see (throws 302/403/404). */
async function resolve(args: LoaderFunctionArgs, audience: DashboardAudience): Promise<Resolved> {
  const { db } = args.context.services;
  const url = new URL(args.request.url);
  let communityId: number | null = null;
  if (audience === "street") await requireUser(args, { role: ["street_admin", "observer"] });
  if (audience === "secretary") {
    const user = await requireUser(args, { role: "secretary" });
    invariantResponse(user.communityId, "Forbidden", { status: 403 });
    communityId = user.communityId;
  }
  const list = await listDashboardCompetitions(db);
  if (audience === "public") {
    // Only a competition whose result is published has a public 效果清单.
    const competition = list.find((c) => c.slug === args.params.slug);
    invariantResponse(competition?.result, "Not found", { status: 404 });
    return { data: await loadDashboard(db, competition), competitions: [] };
  }
  const wanted = wantedCompetition(url);
  const competition = pickCompetition(list, wanted);
  if (wanted !== null) invariantResponse(competition, "Not found", { status: 404 });
  return {
    data: competition ? await loadDashboard(db, competition, { communityId }) : null,
    competitions: list,
  };
}

/** The page's loader data: the figures, the rows of the tables, the charts' titles (their SVG is a file). */
export async function dashboardPage(args: LoaderFunctionArgs, audience: DashboardAudience) {
  const { data, competitions } = await resolve(args, audience);
  const t = createI18n(await getLocale(args.request)).t;
  const tr = t as unknown as Tr;
  return {
    audience,
    competitions: competitions.map((c) => ({
      id: c.id,
      title: c.title,
      year: c.year,
      published: Boolean(c.result),
    })),
    data: data
      ? {
          ...data,
          competition: {
            id: data.competition.id,
            slug: data.competition.slug,
            title: data.competition.title,
            year: data.competition.year,
            published: Boolean(data.competition.result),
            outputHash: data.competition.result?.outputHash ?? null,
          },
          rows: dashboardRows(data),
        }
      : null,
    charts: data ? dashboardChartTitles(tr, data.dashboard.street) : null,
  };
}

/** An export of what the page shows to the same audience. */
export async function dashboardExport(args: LoaderFunctionArgs, audience: DashboardAudience) {
  const { data } = await resolve(args, audience);
  invariantResponse(data, "Not found", { status: 404 });
  const file = args.params.file ?? "";
  const publicData = audience === "public";
  const chart = CHART_FILE.exec(file);
  if (chart) {
    // Drawn in the reader's language, like the page that shows it.
    const tr = createI18n(await getLocale(args.request)).t as unknown as Tr;
    const svg = dashboardChart(
      tr,
      chart[1] as (typeof CHART_NAMES)[number],
      chart[2] === "narrow",
      data.dashboard.communities,
      data.dashboard.street,
    );
    invariantResponse(svg, "Not found", { status: 404 });
    return new Response(svg, {
      headers: {
        "Content-Type": "image/svg+xml; charset=utf-8",
        "Cache-Control": publicData ? "public, max-age=30" : "private, no-store",
        "X-Content-Type-Options": "nosniff",
        // Opened on its own, the SVG runs nothing and loads nothing.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        Vary: "Cookie",
      },
    });
  }
  const t = createI18n("zh-CN").t;
  const response = await dashboardFile(t, data, file, { publicData });
  invariantResponse(response, "Not found", { status: 404 });
  return response;
}
