import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { ButtonHTMLAttributes, MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "./forms";

/**
 * Sets a line to one clerk's value in place. Without JavaScript the button posts Conform's
 * `update` intent and the server answers the form filled in the same way.
 */
function adopt(event: MouseEvent<HTMLButtonElement>) {
  const { line, value } = event.currentTarget.dataset;
  const input = event.currentTarget.form?.elements.namedItem(line ?? "");
  if (!(input instanceof HTMLInputElement) || value === undefined) return;
  event.preventDefault();
  input.value = value;
  // Whatever sums the lines as they are typed (rating mode) sees the adopted value too.
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.focus();
}

/** A button that sets line `name` to `value`, one clerk's entry (with or without JavaScript). */
export function AdoptButton({
  name,
  value,
  adoptButton,
  ...props
}: {
  name: string;
  value: number;
  adoptButton: CountFieldsProps["adoptButton"];
} & Pick<ButtonHTMLAttributes<HTMLButtonElement>, "className" | "aria-label" | "children">) {
  return (
    <button
      {...adoptButton?.(name, String(value))}
      {...props}
      type="submit"
      formNoValidate
      data-line={name}
      data-value={String(value)}
      onClick={adopt}
    />
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a line of any count form
export type Line = FieldMetadata<unknown, any, string[]>;

/** What both count forms share: the form's field of a line, and the two entries to adopt. */
export interface CountFieldsProps {
  projects: Array<{ id: number; number: number; title: string; communityName: string }>;
  /** The form's field of a line ("ballotsCast", "invalid", "votes-<id>", "rating-<id>-<n>"). */
  field: (name: string) => Line;
  alternatives?: Record<string, [number, number]>;
  adoptButton?: (name: string, value: string) => ButtonHTMLAttributes<HTMLButtonElement>;
}

/**
 * The lines of a form's fields by name. Conform's `fields` answers for any name, including the
 * `votes-<id>` lines that the schema only knows at run time (one per project on the ballot).
 */
export function countLines(fields: object): (name: string) => Line {
  return (name) => (fields as Record<string, Line>)[name]!;
}

/**
 * The lines of a paper count, numbered like the paper ballot. Digits may be typed half- or
 * full-width (a Chinese IME gives ９): the server reads both, so the browser must not refuse them.
 * `alternatives` (resolving a mismatch) gives both clerks' values of a line to adopt, with
 * `adoptButton` the button that does it without JavaScript.
 */
export function PaperCountFields({ projects, field, alternatives, adoptButton }: CountFieldsProps) {
  const { t } = useTranslation();
  const line = (name: string, label: string) => (
    <CountLine
      key={name}
      name={name}
      label={label}
      field={field}
      alternatives={alternatives}
      adoptButton={adoptButton}
    />
  );
  return (
    <div className="space-y-2">
      {line("ballotsCast", t("paper.ballotsCast"))}
      {line("invalid", t("paper.invalid"))}
      <div className="space-y-2 border-t border-stone-100 pt-2">
        {projects.map((p) =>
          line(`votes-${p.id}`, t("paper.votesFor", { n: p.number, community: p.communityName })),
        )}
      </div>
    </div>
  );
}

/** One line of a count: its label, the number, both entries to adopt when they differ. */
export function CountLine({
  name,
  label,
  field,
  alternatives,
  adoptButton,
}: Omit<CountFieldsProps, "projects"> & { name: string; label: string }) {
  const { t } = useTranslation();
  const meta = field(name);
  const choices = alternatives?.[name];
  return (
    <div
      className={`grid grid-cols-[1fr_8rem] items-center gap-x-3 gap-y-1 ${
        choices ? "rounded-lg bg-red-50 p-2" : ""
      }`}
      data-line={name}
    >
      <label htmlFor={meta.id}>{label}</label>
      <input
        {...getInputProps(meta, { type: "text" })}
        defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : ""}
        inputMode="numeric"
        autoComplete="off"
        className="input text-right text-lg tabular-nums"
        required
      />
      {choices ? (
        <div className="col-span-2 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-red-800">{t("paper.differs")}</span>
          {choices.map((v, i) => (
            <AdoptButton
              key={i}
              name={name}
              value={v}
              adoptButton={adoptButton}
              className="btn-secondary min-h-8 px-2 py-1 text-sm"
            >
              {t("paper.adopt", { n: i + 1, value: v })}
            </AdoptButton>
          ))}
        </div>
      ) : null}
      <span className="col-span-2">
        <ErrorList id={meta.errorId} errors={meta.errors} />
      </span>
    </div>
  );
}
