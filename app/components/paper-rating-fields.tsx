import { getInputProps } from "@conform-to/react";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { RATING_LEVELS } from "~/domain/evaluation";
import { ErrorList } from "./forms";
import { AdoptButton, CountLine, type CountFieldsProps } from "./paper-count-fields";

/** A line as typed, read like the server reads it (０–９ too, empty = 0); null if no count. */
function typed(raw: string | undefined): number | null {
  const s = (raw ?? "").normalize("NFKC").trim();
  if (s === "") return 0;
  return /^\d{1,7}$/.test(s) ? Number(s) : null;
}

/**
 * A paper count in a 效果共评 round in rating mode: the ballots received and invalid, then per
 * project (numbered like the paper sheet) five lines, how many ballots gave it 1 … 5. Empty is
 * 0 and no line is required (most stay empty). With JavaScript, each project says as it is typed
 * how many ballots rated it and how many did not (more than the valid ballots in red); the
 * server checks the same and more on submit.
 */
export function PaperRatingFields({
  projects,
  field,
  alternatives,
  adoptButton,
}: CountFieldsProps) {
  const { t } = useTranslation();
  const initial = (name: string) => {
    const v = field(name).initialValue;
    return typeof v === "string" ? v : "";
  };
  // What is typed, to sum each project's row (only once the page runs: no stale sums without JS).
  const [values, setValues] = useState<Record<string, string> | null>(null);
  useEffect(() => setValues({}), []);
  const value = (name: string) => values?.[name] ?? initial(name);
  const onInput = (event: FormEvent<HTMLDivElement>) => {
    const target = event.target;
    if (target instanceof HTMLInputElement)
      setValues((v) => ({ ...v, [target.name]: target.value }));
  };
  const valid = (typed(value("ballotsCast")) ?? 0) - (typed(value("invalid")) ?? 0);
  const line = (name: string, label: string) => (
    <CountLine
      name={name}
      label={label}
      field={field}
      alternatives={alternatives}
      adoptButton={adoptButton}
    />
  );
  return (
    <div className="space-y-3" onInput={onInput}>
      <div className="space-y-2">
        {line("ballotsCast", t("paper.ballotsCast"))}
        {line("invalid", t("paper.invalid"))}
      </div>
      <ol className="space-y-3 border-t border-stone-100 pt-3" data-testid="rating-rows">
        {projects.map((p) => {
          const row = field(`rating-${p.id}`);
          const rated = RATING_LEVELS.reduce(
            (sum, level) => sum + (typed(value(`rating-${p.id}-${level}`)) ?? 0),
            0,
          );
          const over = rated > Math.max(0, valid);
          return (
            <li
              key={p.id}
              className="rounded-xl border border-stone-200 p-3"
              data-project={p.id}
              aria-labelledby={`rating-${p.id}-title`}
            >
              <p id={`rating-${p.id}-title`} className="mb-2 leading-snug">
                <span className="font-semibold tabular-nums">
                  {t("paper.votesFor", { n: p.number, community: p.communityName })}
                </span>{" "}
                <span className="text-sm text-stone-500">{p.title}</span>
              </p>
              <div className="grid grid-cols-5 gap-2">
                {RATING_LEVELS.map((level) => (
                  <RatingCell
                    key={level}
                    name={`rating-${p.id}-${level}`}
                    label={t("paper.rating.level", { level })}
                    ariaLabel={t("paper.rating.cell", { n: p.number, level })}
                    {...{ field, alternatives, adoptButton }}
                  />
                ))}
              </div>
              {values ? (
                <p
                  className={`mt-2 text-sm tabular-nums ${over ? "font-semibold text-red-700" : "text-stone-600"}`}
                  data-testid="rating-row-total"
                  aria-live="polite"
                >
                  {over
                    ? t("paper.rating.overValid", { rated, valid: Math.max(0, valid) })
                    : t("paper.rating.rated", { rated, blank: Math.max(0, valid - rated) })}
                </p>
              ) : null}
              <ErrorList id={row.errorId} errors={row.errors} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** One level of a project's row: the count, both entries to adopt when they differ. */
function RatingCell({
  name,
  label,
  ariaLabel,
  field,
  alternatives,
  adoptButton,
}: Omit<CountFieldsProps, "projects"> & { name: string; label: string; ariaLabel: string }) {
  const { t } = useTranslation();
  const meta = field(name);
  const choices = alternatives?.[name];
  return (
    <div
      className={`flex min-w-0 flex-col items-stretch gap-1 ${choices ? "rounded-lg bg-red-50 p-1" : ""}`}
      data-line={name}
    >
      <label htmlFor={meta.id} className="text-center text-sm text-stone-600">
        {label}
      </label>
      <input
        {...getInputProps(meta, { type: "text" })}
        defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : ""}
        aria-label={ariaLabel}
        inputMode="numeric"
        autoComplete="off"
        className="input min-w-0 px-1 text-center text-lg tabular-nums"
      />
      {choices
        ? choices.map((v, i) => (
            <AdoptButton
              key={i}
              name={name}
              value={v}
              adoptButton={adoptButton}
              aria-label={`${ariaLabel}:${t("paper.adopt", { n: i + 1, value: v })}`}
              className="btn-secondary min-h-8 px-1 py-0.5 text-xs"
            >
              {t("paper.rating.adopt", { n: i + 1, value: v })}
            </AdoptButton>
          ))
        : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A station's confirmed paper ratings: per project how many ballots gave 1 … 5, and in all. */
export function RatingSheet({
  projects,
  ratings,
}: {
  projects: CountFieldsProps["projects"];
  ratings: Record<string, number[]>;
}) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="table mt-3" data-testid="rating-sheet">
        <thead>
          <tr>
            <th>{t("paper.line")}</th>
            {RATING_LEVELS.map((level) => (
              <th key={level} className="text-right">
                {t("paper.rating.level", { level })}
              </th>
            ))}
            <th className="text-right">{t("evaluation.count")}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => {
            const d = ratings[String(p.id)] ?? [0, 0, 0, 0, 0];
            return (
              <tr key={p.id} data-project={p.id}>
                <td>{t("paper.votesFor", { n: p.number, community: p.communityName })}</td>
                {d.map((n, i) => (
                  <td key={i} className="text-right tabular-nums">
                    {n}
                  </td>
                ))}
                <td className="text-right font-semibold tabular-nums">
                  {d.reduce((s, n) => s + n, 0)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
