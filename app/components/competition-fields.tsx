/** A competition's title, year, round and description: the same on the new and settings pages. */
import type { FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BoundField, BoundTextarea } from "./forms";

type Bound = FieldMetadata<unknown>;

export function CompetitionBasicsFields({
  fields,
  afterTitle,
}: {
  fields: { title: Bound; year: Bound; round: Bound; description: Bound };
  /** Fields between the title and the year (the new page's address). */
  afterTitle?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <BoundField className="sm:col-span-2" label={t("competition.title")} field={fields.title} />
      {afterTitle}
      <BoundField label={t("competition.year")} field={fields.year} type="number" />
      <BoundField label={t("competition.round")} field={fields.round} type="number" />
      <BoundTextarea
        className="sm:col-span-2"
        label={t("competition.description")}
        field={fields.description}
      />
    </>
  );
}
