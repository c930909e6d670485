/**
 * The 效果清单 as files: one table per community (and the street's total row), the projects, as
 * CSV (UTF-8 with BOM) and XLSX through the results' writers, and open data as JSON whose `data`
 * part carries a SHA-256 of its canonical form (RFC 8785, like the published results), so anyone
 * can check a copy. Chinese headers.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { TFunction } from "i18next";
import { decimal2, percent, type DashboardPart } from "~/domain/dashboard";
import type { DashboardData } from "~/models/dashboard.server";
import type { Cell, Table } from "~/utils/results-tables";
import type { Tr } from "./charts.server";
import { tablesToXlsx, tableToCsv } from "./results-export.server";

const yuan = (fen: number) => fen / 100;

/** The rows of the page's tables: every community, then the street's total (street scope). */
export function dashboardRows(data: DashboardData): DashboardPart[] {
  const { dashboard } = data;
  return data.scope === "street"
    ? [...dashboard.communities, dashboard.street]
    : dashboard.communities;
}

function communitiesTable(t: TFunction, data: DashboardData): Table {
  const tr = t as unknown as Tr;
  const y = (label: string) => tr("dashboard.money.yuan", { label });
  const header = [
    tr("dashboard.community"),
    ...(["collected", "matched", "inProject", "resolved"] as const).map(
      (k) => `${tr("dashboard.needsTitle")}${tr(`dashboard.needs.${k}`)}`,
    ),
    ...(["total", "onTime", "late", "done", "terminated", "atRisk"] as const).map((k) =>
      tr(`dashboard.projects.${k}`),
    ),
    ...data.funds.flatMap((f) => [
      y(tr("dashboard.money.grantedOf", { fund: f.name })),
      y(tr("dashboard.money.paidOf", { fund: f.name })),
      y(tr("dashboard.money.spentOf", { fund: f.name })),
    ]),
    y(tr("dashboard.money.granted")),
    y(tr("dashboard.money.paid")),
    y(tr("dashboard.money.spent")),
    y(tr("dashboard.money.toPay")),
    y(tr("dashboard.money.released")),
    tr("dashboard.evaluation.average"),
    tr("dashboard.evaluation.ratings"),
    tr("dashboard.evaluation.approvals"),
    `${tr("dashboard.evaluation.share")}(%)`,
  ];
  const firstMoney = 1 + 4 + 6;
  const moneyCount = data.funds.length * 3 + 5;
  const rows: Cell[][] = dashboardRows(data).map((p) => [
    p.communityId === null ? tr("dashboard.street") : p.name,
    p.needs.collected,
    p.needs.matched,
    p.needs.inProject,
    p.needs.resolved,
    p.projects.total,
    p.projects.onTime,
    p.projects.late,
    p.projects.done,
    p.projects.terminated,
    p.projects.atRisk,
    ...p.money.funds.flatMap((f) => [yuan(f.grantedFen), yuan(f.paidFen), yuan(f.spentFen)]),
    yuan(p.money.grantedFen),
    yuan(p.money.paidFen),
    yuan(p.money.spentFen),
    yuan(p.money.toPayFen),
    yuan(p.money.releasedFen),
    p.evaluation?.average ? Number(decimal2(p.evaluation.average)) : null,
    p.evaluation ? p.evaluation.ratings : null,
    p.approval ? p.approval.approvals : null,
    p.approval?.share ? percent(p.approval.share) : null,
  ]);
  return {
    name: tr("dashboard.sheet"),
    header,
    rows,
    moneyColumns: Array.from({ length: moneyCount }, (_, i) => firstMoney + i),
  };
}

function projectsTable(t: TFunction, data: DashboardData): Table {
  const tr = t as unknown as Tr;
  const y = (label: string) => tr("dashboard.money.yuan", { label });
  return {
    name: tr("dashboard.sheetProjects"),
    header: [
      tr("dashboard.community"),
      tr("dashboard.project"),
      tr("dashboard.status"),
      tr("dashboard.projects.atRisk"),
      y(tr("dashboard.money.granted")),
      y(tr("dashboard.money.paid")),
      y(tr("dashboard.money.spent")),
      tr("dashboard.milestones"),
    ],
    rows: data.projects.map((p) => [
      p.communityName,
      p.title,
      tr(`delivery.statuses.${p.status}`),
      p.atRisk ? tr("dashboard.projects.atRisk") : "",
      yuan(p.grantedFen),
      yuan(p.paidFen),
      yuan(p.spentFen),
      `${p.milestonesDone}/${p.milestones}`,
    ]),
    moneyColumns: [4, 5, 6],
  };
}

/** The open data: plain facts (codes, 分, counts, exact fractions); no names of people. */
function dashboardOpenData(data: DashboardData) {
  const part = (p: DashboardPart) => ({
    communityId: p.communityId,
    community: p.name,
    needs: p.needs,
    projects: p.projects,
    money: p.money,
    evaluation: p.evaluation,
    approval: p.approval,
  });
  return {
    format: "roadshow-dashboard",
    version: 1,
    competition: {
      slug: data.competition.slug,
      title: data.competition.title,
      year: data.competition.year,
    },
    result: data.competition.result
      ? { runId: data.competition.result.runId, outputHash: data.competition.result.outputHash }
      : null,
    scope: data.scope,
    moneyUnit: "fen",
    funds: data.funds,
    communities: data.dashboard.communities.map(part),
    street: data.scope === "street" ? part(data.dashboard.street) : null,
    evaluated: data.dashboard.evaluated,
    evaluatedBy: data.dashboard.evaluatedBy,
    evaluationRounds: data.evaluationRounds,
    projects: data.projects,
  };
}

function hashData(data: unknown) {
  return createHash("sha256")
    .update(canonicalize(data) ?? "", "utf8")
    .digest("hex");
}

const DASHBOARD_FILE = /^dashboard\.(csv|xlsx|json)$/;

/** The file response of an export (`dashboard.csv|xlsx|json`), or null for an unknown name. */
export async function dashboardFile(
  t: TFunction,
  data: DashboardData,
  file: string,
  opts: { publicData: boolean },
): Promise<Response | null> {
  const match = DASHBOARD_FILE.exec(file);
  if (!match) return null;
  const format = match[1] as "csv" | "xlsx" | "json";
  const openData = dashboardOpenData(data);
  const hash = hashData(openData);
  const base = `${data.competition.slug}-dashboard`;
  const readable = `${data.competition.title}-${(t as unknown as Tr)("dashboard.sheet")}`;
  const disposition = (ext: string) =>
    `attachment; filename="${base}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${readable}.${ext}`)}`;
  const headers = {
    "Cache-Control": opts.publicData ? "public, max-age=30" : "private, no-store",
    "X-Data-Hash": hash,
  };
  if (format === "json")
    return new Response(
      JSON.stringify({ dataHash: hash, hashOf: "sha256(canonical JSON of data)", data: openData }),
      {
        headers: {
          ...headers,
          "Content-Type": "application/json; charset=utf-8",
          ...(opts.publicData ? { "Access-Control-Allow-Origin": "*" } : {}),
        },
      },
    );
  const table = communitiesTable(t, data);
  if (format === "csv")
    return new Response(tableToCsv(table), {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": disposition("csv"),
      },
    });
  const body = await tablesToXlsx([table, projectsTable(t, data)], { title: readable, hash });
  return new Response(new Uint8Array(body), {
    headers: {
      ...headers,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": disposition("xlsx"),
    },
  });
}
