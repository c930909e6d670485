/**
 * The exports of a result as plain tables (a header row, then rows), built from the frozen
 * output: scores per judge and criterion, votes per channel and station, money per fund. The
 * same tables become CSV (with a BOM, formulae escaped) and XLSX.
 */
import type { TFunction } from "i18next";
import { brandOf, type EvaluationOutput } from "~/domain/evaluation";
import { formatHalfPoints, formatHundredths } from "~/domain/judge-scoring";
import { explainRow } from "~/domain/result-explain";
import type { ResultOutput } from "~/domain/results";

export type Cell = string | number | null;
export interface Table {
  /** Sheet name (≤ 31 characters for Excel). */
  name: string;
  header: string[];
  rows: Cell[][];
  /** Columns holding money in 元 (formatted with two decimals). */
  moneyColumns: number[];
}

export const EXPORT_KINDS = ["scores", "tally", "allocation"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

// i18next's typed t() wants literal keys; these are built from codes.
type Tr = (key: string, values?: Record<string, unknown>) => string;

/** Half-points and hundredths as numbers a spreadsheet can sum. */
const points = (halfPoints: number) => Number(formatHalfPoints(halfPoints));
const hundredths = (h: number | null) => (h === null ? null : Number(formatHundredths(h)));
const yuan = (fen: number) => fen / 100;
/** A score shown as text ("85.23") becomes a number cell; anything else stays as it is. */
const numeric = (text: string) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);

function scoresTable(t: TFunction, output: ResultOutput): Table {
  const tr = t as unknown as Tr;
  const header = [
    tr("results.columns.rank"),
    tr("results.columns.community"),
    tr("results.columns.project"),
    tr("results.columns.judgeName"),
    ...output.criteria.map((c) => `${c.name}(/${c.maxPoints})`),
    tr("results.columns.total"),
    tr("results.droppedMark"),
    tr("results.normalized"),
    tr("results.columns.judge"),
  ];
  const rows: Cell[][] = [];
  for (const r of output.rows) {
    for (const j of r.judge.judges) {
      rows.push([
        r.rank,
        r.communityName,
        r.title,
        j.name,
        ...output.criteria.map((c) =>
          j.items[String(c.id)] === undefined ? null : points(j.items[String(c.id)]!),
        ),
        hundredths(j.total),
        j.dropped ? tr(`results.dropped.${j.dropped}`) : "",
        hundredths(j.normalized),
        hundredths(r.judge.score),
      ]);
    }
    if (r.judge.judges.length === 0)
      rows.push([
        r.rank,
        r.communityName,
        r.title,
        "",
        ...output.criteria.map(() => null),
        null,
        "",
        null,
        null,
      ]);
  }
  return { name: tr("results.exportScores").slice(0, 31), header, rows, moneyColumns: [] };
}

function tallyTable(t: TFunction, output: ResultOutput): Table {
  const tr = t as unknown as Tr;
  const stations = output.stations;
  const header = [
    tr("results.columns.community"),
    tr("results.columns.project"),
    tr("results.columns.online"),
    ...stations.map((s) => `${s.communityName} · ${s.name}`),
    tr("results.columns.offline"),
    tr("results.columns.total"),
  ];
  const rows: Cell[][] = output.rows.map((r) => [
    r.communityName,
    r.title,
    r.votes.online,
    ...stations.map((s) => s.votes[String(r.id)] ?? 0),
    r.votes.offline,
    r.votes.total,
  ]);
  rows.push([
    "",
    tr("results.columns.ballots"),
    output.ballots.ballotsOnline,
    ...stations.map((s) => s.ballotsCast - s.invalid),
    output.ballots.ballotsOffline,
    output.ballots.ballotsOnline + output.ballots.ballotsOffline,
  ]);
  rows.push([
    "",
    tr("results.columns.invalid"),
    0,
    ...stations.map((s) => s.invalid),
    output.ballots.invalidOffline,
    output.ballots.invalidOffline,
  ]);
  return { name: tr("results.exportTally").slice(0, 31), header, rows, moneyColumns: [] };
}

function allocationTable(t: TFunction, output: ResultOutput): Table {
  const tr = t as unknown as Tr;
  const funds = output.funds;
  const header = [
    tr("results.columns.rank"),
    tr("results.columns.community"),
    tr("results.columns.project"),
    tr("results.columns.category"),
    tr("results.columns.judge"),
    tr("results.columns.votes"),
    tr("results.columns.resident"),
    tr("results.columns.combined"),
    tr("results.columns.tier"),
    ...funds.flatMap((f) => [
      `${f.name} · ${tr("results.columns.requested")}`,
      `${f.name} · ${tr("results.columns.amount")}`,
    ]),
    tr("results.columns.total"),
    tr("results.columns.why"),
  ];
  const first = 9;
  const moneyColumns = [
    ...funds.flatMap((_, i) => [first + 2 * i, first + 2 * i + 1]),
    first + 2 * funds.length,
  ];
  const rows: Cell[][] = output.rows.map((r) => [
    r.rank,
    r.communityName,
    r.title,
    tr(`categories.${r.category}`),
    hundredths(r.judge.score),
    r.votes.total,
    numeric(r.resident.text),
    numeric(r.combined.text),
    r.tier ?? "",
    ...funds.flatMap((f) => [yuan(r.requests[f.kind]), yuan(r.amounts[f.kind])]),
    yuan(r.amounts.street + r.amounts.foundation),
    explainRow(t, output, r).join(";"),
  ]);
  rows.push([
    "",
    "",
    tr("results.total"),
    "",
    null,
    null,
    "",
    "",
    "",
    ...funds.flatMap((f) => [
      yuan(output.rows.reduce((s, r) => s + r.requests[f.kind], 0)),
      yuan(f.spentFen),
    ]),
    yuan(funds.reduce((s, f) => s + f.spentFen, 0)),
    "",
  ]);
  return { name: tr("results.exportAllocation").slice(0, 31), header, rows, moneyColumns };
}

export function exportTable(t: TFunction, output: ResultOutput, kind: ExportKind): Table {
  return kind === "scores"
    ? scoresTable(t, output)
    : kind === "tally"
      ? tallyTable(t, output)
      : allocationTable(t, output);
}

/** 效果共评: one row per project (rank, ratings, distribution, approvals), then one per brand. */
export function evaluationTable(t: TFunction, output: EvaluationOutput): Table {
  const tr = t as unknown as Tr;
  const header = [
    tr("evaluation.rank"),
    tr("results.columns.community"),
    tr("results.columns.project"),
    tr("evaluation.brand"),
    tr("evaluation.count"),
    tr("evaluation.mean"),
    ...[1, 2, 3, 4, 5].map((n) => tr("evaluation.stars", { n })),
    tr("evaluation.approvals"),
  ];
  const rows: Cell[][] = output.rows.map((r) => [
    r.rank,
    r.communityName,
    r.title,
    brandOf(r),
    r.count,
    r.meanHundredths === null ? null : r.meanHundredths / 100,
    ...r.distribution,
    r.approvals.total,
  ]);
  for (const b of output.brands)
    rows.push([
      null,
      b.communityName,
      `${tr("evaluation.perBrand")}(${b.projects.length})`,
      b.brand,
      b.count,
      b.meanHundredths === null ? null : b.meanHundredths / 100,
      ...b.distribution,
      b.approvals,
    ]);
  return { name: tr("evaluation.title").slice(0, 31), header, rows, moneyColumns: [] };
}
