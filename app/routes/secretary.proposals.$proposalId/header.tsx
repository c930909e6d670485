/** The editor's head: title and status, then what the secretary should know before typing. */
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/status-badge";
import { formatDateTime } from "~/utils/datetime";
import type { loader } from "./route";

export function EditorHeader({ data }: { data: SerializeFrom<typeof loader> }) {
  const { t } = useTranslation();
  const { proposal, competition, community, canEdit, deadlinePassed } = data;
  return (
    <>
      <div>
        <Link to="/secretary/proposals" className="text-sm text-brand-700 underline">
          ← {t("proposal.mine")}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{proposal.title}</h1>
          <StatusBadge status={proposal.status} />
        </div>
        <p className="text-sm text-stone-500">
          {competition.title} · {community.name} ·{" "}
          {t("proposal.deadline", { time: formatDateTime(competition.proposalDeadline) })}
        </p>
      </div>

      {deadlinePassed ? (
        <p
          className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900"
          role="alert"
        >
          {t("proposal.deadlinePassed", { time: formatDateTime(competition.proposalDeadline) })}
        </p>
      ) : null}
      {!canEdit ? (
        <p className="rounded-lg bg-stone-100 px-4 py-3 text-stone-700">
          {t("proposal.readonly")}{" "}
          <Link to={`/proposals/${proposal.id}`} className="underline">
            {t("proposal.view")}
          </Link>
        </p>
      ) : null}
      {proposal.status === "returned" && proposal.reviewNotes ? (
        <section className="rounded-xl border border-amber-300 bg-amber-50 p-4" role="note">
          <h2 className="font-semibold text-amber-900">{t("proposal.review.notes")}</h2>
          <p className="mt-1">{proposal.reviewNotes.reason}</p>
        </section>
      ) : null}
      {data.unsaved && canEdit ? (
        <p className="rounded-lg bg-sky-50 px-4 py-2 text-sm text-sky-900">
          {t("proposal.autosave.unsaved")}
        </p>
      ) : null}
      {data.draftDropped && canEdit ? (
        <p className="rounded-lg bg-amber-50 px-4 py-2 text-sm text-amber-900" role="note">
          {t("proposal.autosave.dropped")}
        </p>
      ) : null}
    </>
  );
}

/** A newer copy on this device than on the server (typed offline): offered back. */
export function RestoreLocalCopy({ onRestore }: { onRestore: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-sky-300 bg-sky-50 px-4 py-2 text-sm text-sky-900">
      <span>{t("proposal.autosave.restore")}</span>
      <button type="button" className="btn-secondary min-h-9 py-1" onClick={onRestore}>
        {t("proposal.autosave.restoreButton")}
      </button>
    </div>
  );
}
