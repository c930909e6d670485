import { useTranslation } from "react-i18next";
import { ErrorList } from "./forms";

/** The lines of a paper count, numbered like the paper ballot. */
export function PaperCountFields({
  projects,
  errors,
  values,
}: {
  projects: Array<{ id: number; number: number; title: string; communityName: string }>;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const field = (name: string, label: string, errorKey: string) => (
    <label key={name} className="grid grid-cols-[1fr_8rem] items-center gap-3">
      <span>{label}</span>
      <input
        name={name}
        inputMode="numeric"
        pattern="\d*"
        className="input text-right text-lg tabular-nums"
        defaultValue={values?.[name] ?? ""}
        aria-invalid={errors?.[errorKey] ? true : undefined}
        required
      />
      <span className="col-span-2">
        <ErrorList errors={errors?.[errorKey]} />
      </span>
    </label>
  );
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
