import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { formatYuan } from "~/domain/money";
import type { Snapshot } from "../../realtime/events";

type Final = NonNullable<Snapshot["final"]>;

const FUND_COLOURS = { street: "bg-amber-400", foundation: "bg-rose-400" } as const;

/** Lines appear from the last rank up, so the winner comes last (CSS only; honours reduced motion). */
const delay = (i: number): CSSProperties => ({ animationDelay: `${i * 0.15}s` });

/**
 * The big screen's final reveal (1920×1080): the ranking with the money each project receives,
 * and the money per 一社一品 brand, with the street fund and the foundation told apart.
 */
export function FinalScreen({ title, final }: { title: string; final: Final }) {
  const { t } = useTranslation();
  const rows = final.rows;
  // Up to 10 projects get two lines each; more get one line each, and past 16 smaller type.
  const compact = rows.length > 10;
  const dense = rows.length > 16;
  const denseBrands = final.brands.length > 8;
  const maxBrand = Math.max(1, ...final.brands.map((b) => b.totalFen));
  const fundName = new Map(final.funds.map((f) => [f.kind, f.name]));
  return (
    <main
      className="flex h-dvh min-h-[720px] flex-col overflow-hidden bg-stone-950 p-10 text-white"
      data-testid="final-screen"
    >
      <header className="flex items-end justify-between gap-8">
        <div className="min-w-0">
          <p className="text-3xl text-amber-300">{t("results.screenTitle")}</p>
          <h1 className="mt-2 truncate text-5xl font-bold leading-tight">{title}</h1>
        </div>
        <p className="shrink-0 text-right">
          <span className="block text-2xl text-stone-400">{t("results.totalFunded")}</span>
          <span
            className="text-6xl font-bold tabular-nums text-amber-300"
            data-testid="final-total"
          >
            {formatYuan(final.totalFen)}
          </span>
          <span className="ml-2 text-3xl text-stone-300">{t("common.yuan")}</span>
        </p>
      </header>

      <div className="mt-8 grid min-h-0 flex-1 grid-cols-[minmax(0,3fr)_minmax(0,2fr)] gap-10">
        <section className="flex min-h-0 flex-col rounded-3xl bg-stone-900 p-8">
          <div className="grid grid-cols-[4rem_minmax(0,1fr)_8rem_14rem] gap-x-6 px-2 pb-2 text-xl text-stone-400">
            <span>{t("results.columns.rank")}</span>
            <span>{t("results.columns.project")}</span>
            <span className="text-right">{t("results.columns.combined")}</span>
            <span className="text-right">{t("results.columns.amount")}</span>
          </div>
          <ol
            className="grid min-h-0 flex-1 overflow-hidden"
            style={{ gridTemplateRows: `repeat(${rows.length}, minmax(0, 1fr))` }}
            data-testid="final-ranking"
          >
            {rows.map((r, i) => (
              <li
                key={r.id}
                className={`grid animate-rise grid-cols-[4rem_minmax(0,1fr)_8rem_14rem] items-center gap-x-6 rounded-xl px-2 py-1 motion-reduce:animate-none ${r.totalFen > 0 ? "" : "text-stone-500"}`}
                style={delay(rows.length - 1 - i)}
                data-proposal={r.id}
              >
                <span
                  className={`flex items-center justify-center rounded-full font-bold tabular-nums ${dense ? "size-9 text-xl" : "size-12 text-2xl"} ${r.rank <= 3 ? "bg-amber-400 text-stone-950" : "bg-stone-800"}`}
                >
                  {r.rank}
                </span>
                <span className={`min-w-0 ${compact ? "flex items-baseline gap-3" : ""}`}>
                  <span
                    className={`block shrink-0 truncate font-semibold ${dense ? "text-xl" : compact ? "text-2xl" : "text-3xl"}`}
                  >
                    {r.communityName}
                    {r.tier ? (
                      <span className="ml-3 text-2xl font-normal text-amber-200">{r.tier}</span>
                    ) : null}
                    {r.tied ? (
                      <span className="ml-3 text-2xl font-normal text-amber-200">
                        {t("live.tie")}
                      </span>
                    ) : null}
                  </span>
                  <span className="block truncate text-xl text-stone-400">{r.title}</span>
                </span>
                <span className={`text-right tabular-nums ${dense ? "text-2xl" : "text-3xl"}`}>
                  {r.combined}
                </span>
                <span
                  className={`text-right font-bold tabular-nums ${dense ? "text-2xl" : "text-3xl"} ${r.totalFen > 0 ? "text-amber-300" : ""}`}
                  data-testid={`final-amount-${r.id}`}
                >
                  {r.totalFen > 0 ? formatYuan(r.totalFen) : "—"}
                </span>
              </li>
            ))}
          </ol>
        </section>

        <aside className="flex min-h-0 flex-col gap-6">
          <section className="flex min-h-0 flex-1 flex-col rounded-3xl bg-stone-900 p-8">
            <h2 className="text-3xl font-bold">{t("results.brands")}</h2>
            <ul
              className="mt-4 flex min-h-0 flex-1 flex-col justify-around"
              data-testid="final-brands"
            >
              {final.brands.map((b, i) => (
                <li
                  key={`${b.communityName}-${b.brand}`}
                  className="animate-rise motion-reduce:animate-none"
                  style={delay(rows.length + i)}
                >
                  <div className="flex items-baseline justify-between gap-4">
                    <span className={`min-w-0 truncate ${denseBrands ? "text-xl" : "text-2xl"}`}>
                      {b.brand || b.communityName}
                    </span>
                    <span
                      className={`shrink-0 font-semibold tabular-nums text-amber-300 ${denseBrands ? "text-xl" : "text-2xl"}`}
                    >
                      {formatYuan(b.totalFen)}
                    </span>
                  </div>
                  <div
                    className={`mt-1 flex origin-left animate-grow overflow-hidden rounded-full motion-reduce:animate-none ${denseBrands ? "h-2.5" : "h-4"}`}
                    style={{
                      width: `${(b.totalFen / maxBrand) * 100}%`,
                      ...delay(rows.length + i),
                    }}
                    role="img"
                    aria-label={`${b.communityName} ${formatYuan(b.totalFen)}`}
                  >
                    {(["street", "foundation"] as const).map((kind) =>
                      b.amounts[kind] > 0 ? (
                        <span
                          key={kind}
                          className={FUND_COLOURS[kind]}
                          style={{ width: `${(b.amounts[kind] / b.totalFen) * 100}%` }}
                        />
                      ) : null,
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </section>
          <section className="grid grid-cols-2 gap-4 rounded-3xl bg-stone-900 p-6">
            {final.funds.map((f) => (
              <div key={f.kind}>
                <p className="flex items-center gap-2 text-xl text-stone-300">
                  <span className={`size-4 rounded-full ${FUND_COLOURS[f.kind]}`} />
                  {fundName.get(f.kind)}
                </p>
                <p className="text-3xl font-bold tabular-nums">{formatYuan(f.spentFen)}</p>
                <p className="text-lg text-stone-400 tabular-nums">
                  / {formatYuan(f.totalFen)} {t("common.yuan")}
                </p>
              </div>
            ))}
          </section>
          <p className="truncate font-mono text-base text-stone-500">
            {t("results.hash")}: {final.outputHash}
          </p>
        </aside>
      </div>
    </main>
  );
}
