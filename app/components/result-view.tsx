/**
 * A result as people read it: money per fund, then one card per project (rank, scores, votes,
 * money, the explanation lines, and the judges' sheets with the dropped scores marked). The same
 * view serves the street's preview and the public notice; a compact table is kept for print.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FundKind } from "~/domain/allocation/funds";
import { formatHalfPoints, formatHundredths } from "~/domain/judge-scoring";
import { formatYuan } from "~/domain/money";
import { explainRow } from "~/domain/result-explain";
import type { ResultOutput, ResultRow } from "~/domain/results";

const KINDS: FundKind[] = ["street", "foundation"];

export function FundSummary({ output }: { output: ResultOutput }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-3 sm:grid-cols-2" data-testid="fund-summary">
      {output.funds.map((f) => {
        const share = f.totalFen > 0 ? Math.min(100, (f.spentFen / f.totalFen) * 100) : 0;
        return (
          <div key={f.kind} className="rounded-xl bg-brand-50 p-4 print:border print:bg-white">
            <div className="text-sm text-brand-900">{f.name}</div>
            <div className="mt-1 text-2xl font-bold tabular-nums text-brand-800">
              {formatYuan(f.spentFen)}{" "}
              <span className="text-base font-normal">{t("common.yuan")}</span>
            </div>
            <div className="mt-2 h-2 rounded-full bg-white print:hidden">
              <div className="h-2 rounded-full bg-brand-600" style={{ width: `${share}%` }} />
            </div>
            <div className="mt-1 text-sm text-stone-600">
              {t("results.spent", {
                fund: f.name,
                spent: formatYuan(f.spentFen),
                total: formatYuan(f.totalFen),
              })}
              {" · "}
              {t("results.left", { left: formatYuan(f.totalFen - f.spentFen) })}
            </div>
          </div>
        );
      })}
    </div>
  );
}

export function ResultFacts({ output }: { output: ResultOutput }) {
  const { t } = useTranslation();
  const b = output.ballots;
  const rule = output.config.rule;
  return (
    <div className="space-y-1 text-sm text-stone-600">
      <p>
        {t("results.ballotsLine", {
          online: b.ballotsOnline,
          offline: b.ballotsOffline,
          invalid: b.invalidOffline,
          confirmed: b.stationsConfirmed,
          total: b.stationsTotal,
        })}
      </p>
      <p>
        {t("results.config", {
          rule: t(`results.ruleShort.${rule.kind}`),
          residentRule: t(`results.residentRules.${output.config.residentRule}`),
          wj: output.competition.judgeWeightPct,
          wr: output.competition.residentWeightPct,
          ties: output.config.tieBreak.map((x) => t(`results.tieShort.${x}`)).join(" → ") || "—",
          seed: output.config.lotSeed,
        })}
        {rule.kind === "tiers"
          ? ` · ${rule.tiers
              .map(
                (tier) =>
                  `${tier.name} ${tier.count} × ${
                    tier.amount.kind === "fixed"
                      ? `${formatYuan(tier.amount.fen)} ${t("common.yuan")}`
                      : `${tier.amount.bp / 100}%`
                  }`,
              )
              .join(";")}`
          : null}
      </p>
      {output.perVoterFen !== null ? (
        <p>{t("results.perVoter", { amount: formatYuan(output.perVoterFen) })}</p>
      ) : null}
    </div>
  );
}

function JudgeSheets({ output, row }: { output: ResultOutput; row: ResultRow }) {
  const { t } = useTranslation();
  if (row.judge.judges.length === 0) return null;
  return (
    <details className="mt-3 rounded-lg border border-stone-200 print:hidden">
      <summary className="cursor-pointer px-3 py-2 text-base text-brand-700">
        {t("results.judgeDetail")}
        {row.judge.applied ? ` · ${t(`results.applied.${row.judge.applied}`)}` : null}
      </summary>
      <div className="overflow-x-auto px-1 pb-2">
        <table className="table text-sm" data-testid={`judges-${row.id}`}>
          <thead>
            <tr>
              <th>{t("results.columns.judgeName")}</th>
              {output.criteria.map((c) => (
                <th key={c.id} className="text-right">
                  {c.name}
                  <span className="block text-xs font-normal text-stone-400">/{c.maxPoints}</span>
                </th>
              ))}
              <th className="text-right">{t("results.columns.total")}</th>
            </tr>
          </thead>
          <tbody>
            {row.judge.judges.map((j) => (
              <tr
                key={j.judgeId}
                className={j.dropped ? "text-stone-400" : undefined}
                data-dropped={j.dropped ?? undefined}
              >
                <td className="whitespace-nowrap">
                  {j.name}
                  {j.dropped ? (
                    <span className="ml-1 rounded bg-stone-100 px-1 text-xs text-stone-600">
                      {t(`results.dropped.${j.dropped}`)}
                    </span>
                  ) : null}
                </td>
                {output.criteria.map((c) => (
                  <td key={c.id} className="text-right tabular-nums">
                    {j.items[String(c.id)] !== undefined
                      ? formatHalfPoints(j.items[String(c.id)]!)
                      : "—"}
                  </td>
                ))}
                <td
                  className={`text-right tabular-nums ${j.dropped ? "line-through" : "font-semibold"}`}
                >
                  {formatHundredths(j.total)}
                  {j.normalized !== null ? (
                    <span className="block text-xs text-stone-500">
                      {t("results.normalized")} {formatHundredths(j.normalized)}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The ranked projects; `brandLinks` (proposal id → brand id) links each brand to its page. */
export function ResultCards({
  output,
  brandLinks,
}: {
  output: ResultOutput;
  brandLinks?: Record<number, number>;
}) {
  const { t } = useTranslation();
  const funds = output.funds.filter((f) => KINDS.includes(f.kind));
  return (
    <ol className="space-y-3 print:hidden" data-testid="result-rows">
      {output.rows.map((row) => {
        const total = row.amounts.street + row.amounts.foundation;
        return (
          <li key={row.id} className="card" data-proposal={row.id} data-rank={row.rank}>
            <div className="flex items-start gap-3">
              <div
                className={`flex size-11 shrink-0 items-center justify-center rounded-full text-lg font-bold ${
                  total > 0 ? "bg-brand-600 text-white" : "bg-stone-100 text-stone-600"
                }`}
                aria-label={`${t("results.columns.rank")} ${row.rank}`}
              >
                {row.rank}
              </div>
              <div className="min-w-0 flex-1">
                <h3 className="text-lg font-semibold leading-snug">{row.title}</h3>
                <p className="text-sm text-stone-500">
                  {row.communityName}
                  {row.brand ? " · " : null}
                  {row.brand && brandLinks?.[row.id] != null ? (
                    <Link to={`/brands/${brandLinks[row.id]}`} className="text-brand-700 underline">
                      {row.brand}
                    </Link>
                  ) : (
                    row.brand
                  )}{" "}
                  · {t(`categories.${row.category}`)}
                  {row.tier ? (
                    <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">
                      {row.tier}
                    </span>
                  ) : null}
                </p>
              </div>
              <div className="text-right">
                <div className="text-xs text-stone-500">{t("results.columns.combined")}</div>
                <div className="text-xl font-bold tabular-nums">{row.combined.text}</div>
              </div>
            </div>
            <dl className="mt-3 grid grid-cols-3 gap-2 text-center text-sm sm:grid-cols-6">
              <Stat label={t("results.columns.judge")} value={formatHundredths(row.judge.score)} />
              <Stat label={t("results.columns.resident")} value={row.resident.text} />
              <Stat
                label={t("results.columns.votes")}
                value={String(row.votes.total)}
                note={`${t("results.columns.online")} ${row.votes.online} · ${t("results.columns.offline")} ${row.votes.offline}`}
                testId={`votes-${row.id}`}
              />
              {funds.map((f) => (
                <Stat
                  key={f.kind}
                  label={f.name}
                  value={formatYuan(row.amounts[f.kind])}
                  note={`${t("results.columns.requested")} ${formatYuan(row.requests[f.kind])}`}
                  strong={row.amounts[f.kind] > 0}
                />
              ))}
              <Stat
                label={t("results.columns.total")}
                value={formatYuan(total)}
                strong={total > 0}
              />
            </dl>
            <ul
              className="mt-3 list-disc space-y-1 pl-5 text-base leading-relaxed text-stone-700"
              data-testid="why"
            >
              {explainRow(t, output, row).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <JudgeSheets output={output} row={row} />
          </li>
        );
      })}
    </ol>
  );
}

function Stat({
  label,
  value,
  note,
  strong,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  strong?: boolean;
  testId?: string;
}) {
  return (
    <div className="rounded-lg bg-stone-50 px-2 py-1.5" data-testid={testId}>
      <dt className="text-xs leading-tight text-stone-500">{label}</dt>
      <dd className={`tabular-nums ${strong ? "font-semibold text-brand-800" : ""}`}>{value}</dd>
      {note ? <dd className="text-xs leading-tight text-stone-500">{note}</dd> : null}
    </div>
  );
}

/** The A4 notice: one table, then the explanation lines and the judges' totals. Print only. */
export function PrintNotice({ output }: { output: ResultOutput }) {
  const { t } = useTranslation();
  const judges = [
    ...new Map(
      output.rows.flatMap((r) => r.judge.judges.map((j) => [j.judgeId, j.name])),
    ).entries(),
  ];
  return (
    <div className="hidden text-[10.5pt] leading-snug print:block">
      <table className="print-table">
        <thead>
          <tr>
            <th>{t("results.columns.rank")}</th>
            <th>{t("results.columns.project")}</th>
            <th>{t("results.columns.judge")}</th>
            <th>{t("results.columns.online")}</th>
            <th>{t("results.columns.offline")}</th>
            <th>{t("results.columns.resident")}</th>
            <th>{t("results.columns.combined")}</th>
            {output.funds.map((f) => (
              <th key={f.kind}>{f.name}</th>
            ))}
            <th>{t("results.columns.total")}</th>
          </tr>
        </thead>
        <tbody>
          {output.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.rank}</td>
              <td>
                {r.communityName} · {r.title}
                {r.tier ? ` · ${r.tier}` : ""}
              </td>
              <td>{formatHundredths(r.judge.score)}</td>
              <td>{r.votes.online}</td>
              <td>{r.votes.offline}</td>
              <td>{r.resident.text}</td>
              <td>{r.combined.text}</td>
              {output.funds.map((f) => (
                <td key={f.kind}>{formatYuan(r.amounts[f.kind])}</td>
              ))}
              <td>{formatYuan(r.amounts.street + r.amounts.foundation)}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={7}>{t("results.total")}</td>
            {output.funds.map((f) => (
              <td key={f.kind}>{formatYuan(f.spentFen)}</td>
            ))}
            <td>{formatYuan(output.funds.reduce((s, f) => s + f.spentFen, 0))}</td>
          </tr>
        </tbody>
      </table>
      <h3 className="mt-3 font-semibold">{t("results.columns.why")}</h3>
      <ol className="list-decimal pl-5">
        {output.rows.map((r) => (
          <li key={r.id} className="break-inside-avoid">
            <span className="font-medium">{r.title}:</span>
            {explainRow(t, output, r).join(";")}
          </li>
        ))}
      </ol>
      {judges.length ? (
        <>
          <h3 className="mt-3 font-semibold">{t("results.judgeDetail")}</h3>
          <table className="print-table">
            <thead>
              <tr>
                <th>{t("results.columns.project")}</th>
                {judges.map(([id, name]) => (
                  <th key={id}>{name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {output.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.communityName}</td>
                  {judges.map(([id]) => {
                    const j = r.judge.judges.find((x) => x.judgeId === id);
                    return (
                      <td key={id}>
                        {j ? formatHundredths(j.total) : "—"}
                        {j?.dropped ? `(${t("results.droppedMark")})` : ""}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
