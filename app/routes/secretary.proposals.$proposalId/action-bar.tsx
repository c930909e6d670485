/** The bar fixed at the bottom: autosave status, the form's errors, save, submit, withdraw. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import type { ProposalAction } from "~/domain/proposal-flow";
import type { AutosaveState } from "~/hooks/use-autosave";
import { formatTime } from "~/utils/datetime";
import type { EditorForm } from "./form";

export function ActionBar({
  form,
  autosave,
  canEdit,
  actions,
  busy,
  submitLabel,
  onSubmit,
}: {
  form: EditorForm;
  autosave: AutosaveState;
  canEdit: boolean;
  actions: ProposalAction[];
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="fixed inset-x-0 bottom-0 z-10 border-t border-stone-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-3 px-4 py-3">
        <p
          className="min-w-0 flex-1 text-sm text-stone-600"
          role="status"
          aria-live="polite"
          data-testid="autosave-status"
        >
          {autosave.kind === "saving"
            ? t("proposal.autosave.saving")
            : autosave.kind === "saved"
              ? t("proposal.autosave.saved", {
                  time: formatTime(autosave.at),
                })
              : autosave.kind === "offline"
                ? t("proposal.autosave.offline")
                : autosave.kind === "refused"
                  ? t("proposal.autosave.refused")
                  : ""}
        </p>
        <ErrorList id={form.errorId} errors={form.errors} />
        {canEdit ? (
          <>
            <button
              type="submit"
              form={form.id}
              name="intent"
              value="save"
              className="btn-secondary"
              disabled={busy}
            >
              {t("proposal.save")}
            </button>
            <button
              type="submit"
              form={form.id}
              name="intent"
              value="submit"
              className="btn-primary"
              disabled={busy || !actions.includes("submit")}
              onClick={onSubmit}
            >
              {submitLabel}
            </button>
          </>
        ) : null}
        {actions.includes("withdraw") ? (
          <Form
            method="post"
            onSubmit={(e) => {
              if (!window.confirm(t("proposal.withdrawConfirm"))) e.preventDefault();
            }}
          >
            <button name="intent" value="withdraw" className="btn text-red-700 underline">
              {t("proposal.withdraw")}
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
