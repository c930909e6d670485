import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "./forms";

/** The form field of a count line: "ballotsCast", "invalid" or "votes-<proposal id>". */
export const countField = (line: string) =>
  line === "ballotsCast" || line === "invalid" ? line : `votes-${line}`;

/**
 * Sets a line to one clerk's value in place. Without JavaScript the button posts `adopt` and
 * the server answers the form filled in the same way.
 */
function adopt(event: MouseEvent<HTMLButtonElement>) {
  const [name, value] = event.currentTarget.value.split("=");
  const input = event.currentTarget.form?.elements.namedItem(name!);
  if (!(input instanceof HTMLInputElement)) return;
  event.preventDefault();
  input.value = value!;
  input.focus();
}

/**
 * The lines of a paper count, numbered like the paper ballot. Digits may be typed half- or
 * full-width (a Chinese IME gives ９): the server reads both, so the browser must not refuse them.
 * `alternatives` (resolving a mismatch) gives both clerks' values of a line to adopt.
 */
export function PaperCountFields({
  projects,
  errors,
  values,
  alternatives,
}: {
  projects: Array<{ id: number; number: number; title: string; communityName: string }>;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
  alternatives?: Record<string, [number, number]>;
}) {
  const { t } = useTranslation();
  const field = (name: string, label: string, errorKey: string) => {
    const choices = alternatives?.[name];
    return (
      <div
        key={name}
        className={`grid grid-cols-[1fr_8rem] items-center gap-x-3 gap-y-1 ${
          choices ? "rounded-lg bg-red-50 p-2" : ""
        }`}
        data-line={name}
      >
        <label htmlFor={`count-${name}`}>{label}</label>
        <input
          id={`count-${name}`}
          name={name}
          inputMode="numeric"
          autoComplete="off"
          className="input text-right text-lg tabular-nums"
          defaultValue={values?.[name] ?? ""}
          aria-invalid={errors?.[errorKey] ? true : undefined}
          aria-describedby={errors?.[errorKey] ? `count-${name}-error` : undefined}
          required
        />
        {choices ? (
          <div className="col-span-2 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-red-800">{t("paper.differs")}</span>
            {choices.map((v, i) => (
              <button
                key={i}
                type="submit"
                name="adopt"
                value={`${name}=${v}`}
                formNoValidate
                onClick={adopt}
                className="btn-secondary min-h-8 px-2 py-1 text-sm"
              >
                {t("paper.adopt", { n: i + 1, value: v })}
              </button>
            ))}
          </div>
        ) : null}
        <span className="col-span-2">
          <ErrorList id={`count-${name}-error`} errors={errors?.[errorKey]} />
        </span>
      </div>
    );
  };
  return (
    <div className="space-y-2">
      {field("ballotsCast", t("paper.ballotsCast"), "ballotsCast")}
      {field("invalid", t("paper.invalid"), "invalid")}
      <div className="space-y-2 border-t border-stone-100 pt-2">
        {projects.map((p) =>
          field(
            `votes-${p.id}`,
            t("paper.votesFor", { n: p.number, community: p.communityName }),
            String(p.id),
          ),
        )}
      </div>
      <ErrorList errors={errors?.votes} />
    </div>
  );
}
