/**
 * The pitch deck: plain forms to the deck route (multipart upload, remove a file). They leave
 * the page, so what was typed is autosaved first (`onSubmit`).
 */
import type { SerializeFrom } from "@remix-run/node";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, type ListOfErrors } from "~/components/forms";
import { DeckViewer } from "~/components/proposal-view";
import type { loader } from "./route";

export function DeckSection({
  proposalId,
  deck,
  note,
  canEdit,
  errors,
  onSubmit,
}: {
  proposalId: number;
  deck: SerializeFrom<typeof loader>["deck"];
  note?: string;
  canEdit: boolean;
  errors: ListOfErrors;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const { t } = useTranslation();
  const action = `/secretary/proposals/${proposalId}/deck`;
  return (
    <section className="card space-y-4" aria-labelledby="deck-title">
      <h2 id="deck-title" className="text-lg font-semibold">
        {t("proposal.sections.deck")}
      </h2>
      {note ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{note}</p>
      ) : null}
      <DeckViewer files={deck} />
      {canEdit ? (
        <>
          {deck.length ? (
            <ul className="flex flex-wrap gap-2 text-sm">
              {deck.map((f) => (
                <li key={f.id}>
                  <form
                    method="post"
                    action={action}
                    onSubmit={onSubmit}
                    className="inline-flex items-center gap-2 rounded-lg border border-stone-200 px-3 py-1"
                  >
                    <span>{f.name}</span>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="fileId" value={f.id} />
                    <button type="submit" className="text-red-700 underline">
                      {t("proposal.deck.remove")}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : null}
          <form
            method="post"
            encType="multipart/form-data"
            action={action}
            onSubmit={onSubmit}
            className="flex flex-wrap items-end gap-3"
          >
            <input type="hidden" name="intent" value="upload" />
            <label className="block">
              <span className="label">{t("proposal.fields.deck")}</span>
              <input
                type="file"
                name="files"
                multiple
                accept="application/pdf,image/png,image/jpeg,image/webp"
                className="block text-sm"
              />
            </label>
            <button type="submit" className="btn-secondary">
              {t("proposal.deck.upload")}
            </button>
            <p className="w-full text-sm text-stone-500">{t("proposal.deck.hint")}</p>
          </form>
        </>
      ) : null}
      <ErrorList errors={errors} />
    </section>
  );
}
