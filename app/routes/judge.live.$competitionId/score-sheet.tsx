import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatHalfPoints } from "~/domain/judge-scoring";
import type { Stage } from "~/domain/pitch-machine";
import type { SendState } from "~/live/score-outbox";
import type { Snapshot } from "../../../realtime/events";

/** Half-points per criterion id; null while unscored. */
export type Values = Record<string, number | null>;

type Criterion = Snapshot["criteria"][number];
type ServerSheet = NonNullable<NonNullable<Snapshot["judge"]>["sheet"]>;

/** Whether every criterion is scored, and the sum so far (half points). */
export function sheetTotal(criteria: Criterion[], values: Values) {
  return {
    complete: criteria.every((c) => typeof values[String(c.id)] === "number"),
    total: criteria.reduce((sum, c) => sum + (values[String(c.id)] ?? 0), 0),
  };
}

/**
 * The judge's score sheet: a slider with −/+ per criterion (half points), a comment, the total
 * and the submit button, and one line saying where the sheet stands. Recused: a notice instead.
 */
export function ScoreSheet({
  criteria,
  values,
  onValue,
  comment,
  onComment,
  recused,
  stage,
  serverSheet,
  send,
  onSubmit,
}: {
  criteria: Criterion[];
  values: Values;
  onValue: (criterionId: number, halfPoints: number | null) => void;
  comment: string;
  onComment: (comment: string) => void;
  recused: boolean;
  /** The stage of the pitch this sheet is for. */
  stage: Stage;
  serverSheet: ServerSheet | null;
  send: SendState;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const scoring = stage === "scoring";
  const { complete, total } = sheetTotal(criteria, values);
  return (
    <section className="card" aria-labelledby="sheet-title">
      <h2 id="sheet-title" className="text-lg font-semibold">
        {t("live.sheet.title")}
      </h2>
      {recused ? (
        <div className="mt-4 rounded-xl bg-stone-100 p-8 text-center" data-testid="recused">
          <p className="text-5xl font-bold text-stone-700">{t("live.sheet.recused")}</p>
          <p className="mt-3 text-stone-600">{t("live.sheet.recusedBody")}</p>
        </div>
      ) : (
        <>
          <fieldset disabled={!scoring} className="mt-3 space-y-3">
            {criteria.map((c) => (
              <CriterionRow
                key={c.id}
                criterion={c}
                value={values[String(c.id)] ?? null}
                onValue={(v) => onValue(c.id, v)}
              />
            ))}
            <label className="block">
              <span className="label">{t("live.sheet.comment")}</span>
              <textarea
                className="input"
                rows={2}
                maxLength={1000}
                value={comment}
                onChange={(e) => onComment(e.target.value)}
              />
            </label>
          </fieldset>
          <div className="sticky bottom-0 mt-4 flex flex-wrap items-center justify-between gap-3 bg-white py-3">
            <p className="text-2xl font-bold">
              {t("live.sheet.total")}{" "}
              <span className="tabular-nums" data-testid="sheet-total">
                {formatHalfPoints(total)}
              </span>
            </p>
            {scoring ? (
              <button
                type="button"
                className="btn-primary min-h-14 px-8 text-xl"
                disabled={!complete || send.kind === "sending"}
                onClick={onSubmit}
              >
                {send.kind === "sent" ? t("live.sheet.resubmit") : t("live.sheet.submit")}
              </button>
            ) : null}
          </div>
          <p
            className="min-h-6 text-base"
            role="status"
            aria-live="polite"
            data-testid="sheet-status"
          >
            {sheetStatus(t, { stage, serverSheet, send, total, complete })}
          </p>
        </>
      )}
    </section>
  );
}

function CriterionRow({
  criterion: c,
  value: v,
  onValue,
}: {
  criterion: Criterion;
  value: number | null;
  onValue: (halfPoints: number) => void;
}) {
  const { t } = useTranslation();
  const max = c.maxPoints * 2;
  return (
    <div className="rounded-xl border border-stone-200 p-3" data-testid={`criterion-${c.id}`}>
      <div className="flex items-baseline justify-between gap-2">
        <span className="font-medium">{c.name}</span>
        <span className="text-sm text-stone-500">{t("live.sheet.max", { max: c.maxPoints })}</span>
      </div>
      <div className="mt-2 flex items-center gap-3">
        <button
          type="button"
          className="btn-secondary size-14 shrink-0 p-0 text-2xl"
          aria-label={`${c.name} −0.5`}
          onClick={() => onValue(Math.max(0, (v ?? 0) - 1))}
        >
          −
        </button>
        <input
          type="range"
          min={0}
          max={max}
          step={1}
          value={v ?? 0}
          aria-label={c.name}
          aria-valuetext={v === null ? t("live.sheet.unscored") : formatHalfPoints(v)}
          onChange={(e) => onValue(Number(e.target.value))}
          className="h-12 min-w-0 flex-1 accent-brand-600"
        />
        <button
          type="button"
          className="btn-secondary size-14 shrink-0 p-0 text-2xl"
          aria-label={`${c.name} +0.5`}
          onClick={() => onValue(Math.min(max, (v ?? 0) + 1))}
        >
          +
        </button>
        <output
          className="w-16 shrink-0 text-right text-3xl font-bold tabular-nums"
          data-testid={`value-${c.id}`}
        >
          {v === null ? t("live.sheet.unscored") : formatHalfPoints(v)}
        </output>
      </div>
    </div>
  );
}

/** The one line under the sheet: locked, not yet open, or what became of the last submission. */
function sheetStatus(
  t: TFunction,
  {
    stage,
    serverSheet,
    send,
    total,
    complete,
  }: {
    stage: Stage;
    serverSheet: ServerSheet | null;
    send: SendState;
    total: number;
    complete: boolean;
  },
) {
  const over = stage === "closed" || stage === "revealed";
  if (over && serverSheet)
    return t("live.sheet.locked", { total: formatHalfPoints(serverSheet.totalHalfPoints) });
  if (over) return t("live.sheet.closedMissing");
  if (stage !== "scoring") return t("live.sheet.notYet");
  switch (send.kind) {
    case "sent":
      return t(send.total === total ? "live.sheet.sent" : "live.sheet.changed", {
        total: formatHalfPoints(send.total),
      });
    case "stale":
      return t("live.sheet.stale", { total: formatHalfPoints(send.total) });
    case "pending":
      return t("live.sheet.pending");
    case "sending":
      return t("live.sheet.sending");
    case "error":
      return t(`live.refusals.${send.code}` as "live.refusals.server", {
        defaultValue: t("live.refusals.server"),
      });
    case "idle":
      return complete ? "" : t("live.sheet.incomplete");
  }
}
