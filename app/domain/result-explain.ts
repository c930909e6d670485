/**
 * The explanation lines of a result row, in the reader's language (Chinese first): how the
 * combined score was made, how a tie was broken, and for each fund why the project got what it
 * got — or what it would have needed. Used by the pages and by the exports alike.
 */
import type { TFunction } from "i18next";
import type { Reason } from "./allocation/funds";
import { formatHundredths } from "./judge-scoring";
import { formatYuan } from "./money";
import type { ResultOutput, ResultRow } from "./results";

// i18next's typed t() wants literal keys; these are built from codes, so go through one cast.
type Tr = (key: string, values?: Record<string, unknown>) => string;

function pct(bp: number) {
  return bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2).replace(/0$/, "");
}

/** "1587.49" → "1,587.49" (amounts stored as decimal text). */
export function groupDecimal(text: string) {
  const [whole = "", frac] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function fundName(output: ResultOutput, kind: string) {
  return output.funds.find((f) => f.kind === kind)?.name ?? kind;
}

export function reasonText(t: TFunction, output: ResultOutput, row: ResultRow, r: Reason): string {
  const tr = t as unknown as Tr;
  const fund = "fund" in r && r.fund ? fundName(output, r.fund) : "";
  switch (r.code) {
    case "ineligible":
      return tr("results.why.ineligible", { fund, category: tr(`categories.${row.category}`) });
    case "notRequested":
      return tr("results.why.notRequested", { fund });
    case "capped":
      return tr("results.why.capped", {
        fund,
        requested: formatYuan(r.requested),
        cap: formatYuan(r.cap),
      });
    case "funded":
      return tr("results.why.funded", { fund, amount: formatYuan(r.amount) });
    case "partial":
      return tr("results.why.partial", {
        fund,
        amount: formatYuan(r.amount),
        requested: formatYuan(r.requested),
      });
    case "doesNotFit":
      return tr("results.why.doesNotFit", {
        fund,
        needed: formatYuan(r.needed),
        left: formatYuan(r.left),
        short: formatYuan(r.needed - r.left),
      });
    case "tier": {
      // Runs stored before the fund and the award were recorded keep their short line.
      if (r.fund === undefined || r.award === undefined)
        return tr("results.why.tier", { tier: r.tier, amount: formatYuan(r.amount) });
      const values = {
        fund,
        tier: r.tier,
        amount: formatYuan(r.amount),
        award: formatYuan(r.award),
        requested: formatYuan(r.requested ?? 0),
        pct: r.bp === undefined ? "" : pct(r.bp),
      };
      const byRequest = r.bp === undefined && r.requested !== undefined && r.award > r.requested;
      return r.bp !== undefined
        ? tr("results.why.tierPercent", values)
        : tr(byRequest ? "results.why.tierFixedRequest" : "results.why.tierFixed", values);
    }
    case "noTier":
      return tr("results.why.noTier");
    case "mesSelected":
      return tr("results.why.mesSelected", {
        perVoter: formatYuan(r.perVoterFen),
        pay: groupDecimal(r.payYuan),
      });
    case "mesCompleted":
      return tr("results.why.mesCompleted");
    case "mesNotSelected":
      return tr("results.why.mesNotSelected", {
        votes: r.votes,
        perVoter: formatYuan(r.perVoterFen),
        left: formatYuan(r.leftFen),
        cost: formatYuan(r.costFen),
        short: formatYuan(Math.max(0, r.costFen - r.leftFen)),
      });
    case "matchNoBase":
      return tr("results.why.matchNoBase", {
        fund: fundName(output, "foundation"),
        pct: pct(r.ratioBp),
      });
    case "match":
      return tr(`results.why.match.${r.limitedBy}`, {
        fund: fundName(output, "foundation"),
        pct: pct(r.ratioBp),
        amount: formatYuan(r.amount),
      });
  }
}

/** Every line for one row, in order: the score, the tie (if any), then each fund's reasons. */
export function explainRow(t: TFunction, output: ResultOutput, row: ResultRow): string[] {
  const tr = t as unknown as Tr;
  const lines = [
    tr("results.why.score", {
      combined: row.combined.text,
      judge: formatHundredths(row.judge.score),
      wj: output.competition.judgeWeightPct,
      resident: row.resident.text,
      wr: output.competition.residentWeightPct,
      rank: row.rank,
    }),
  ];
  if (row.judge.score === null) lines.push(tr("results.why.unscored"));
  if (row.tiedWith.length) {
    const others = row.tiedWith
      .map((id) => output.rows.find((o) => o.id === id)?.title ?? String(id))
      .join("、");
    const shared = output.rows.some((o) => o.id !== row.id && o.rank === row.rank);
    lines.push(
      row.decidedBy
        ? tr(`results.why.tieBy.${row.decidedBy}`, { others, seed: output.config.lotSeed })
        : shared
          ? tr("results.why.tieShared", { others, rank: row.rank })
          : tr("results.why.tieFirst", { others }),
    );
  }
  for (const r of row.reasons) lines.push(reasonText(t, output, row, r));
  return lines;
}
