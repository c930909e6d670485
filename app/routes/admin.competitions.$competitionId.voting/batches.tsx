/**
 * The voting tab's ballot card batches: the list, issuing a batch (A4 sheets to print, or a CSV
 * file for a print shop), voiding one lost card, and voiding a whole batch that never reached
 * residents so it can be issued again.
 */
import { Form, useRevalidator } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/utils/messages";
import type { PublicUrlCheck } from "~/utils/public-url";
import { QrAddressWarning } from "./qr-address-warning";

export interface BatchRow {
  id: number;
  name: string;
  kind: "cards" | "registry";
  communityName: string | null;
  issued: number;
  used: number;
  void: number;
}

interface Props {
  competitionId: number;
  batches: BatchRow[];
  communities: Array<{ id: number; name: string }>;
  canEdit: boolean;
  qrAddress: PublicUrlCheck;
  reissue: { batchId: number; name: string; communityId: number | null; count: number } | null;
  voidBatch?: { batchId: number; reason: string; error: string } | null;
}

/** The file name a download response suggests (RFC 6266: filename* first). */
function downloadName(disposition: string | null, fallback: string) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? "")?.[1] ?? fallback;
}

/**
 * The CSV button posts to a resource route, so without JavaScript the browser downloads the
 * file itself. With JavaScript the page fetches it, saves it, shows any refusal in words, and
 * reloads the batch list so the new batch shows at once.
 */
function useCsvDownload() {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (!(submitter instanceof HTMLButtonElement) || submitter.value !== "csv") return;
    event.preventDefault();
    const form = event.currentTarget;
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(submitter.formAction, {
        method: "POST",
        body: new FormData(form),
      });
      const type = res.headers.get("Content-Type") ?? "";
      if (!res.ok || !type.startsWith("text/csv")) {
        setError(res.status === 400 ? await res.text() : t("voting.csvFailed"));
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = downloadName(res.headers.get("Content-Disposition"), "ballot-cards.csv");
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setError(t("voting.csvFailed"));
    } finally {
      setBusy(false);
      revalidator.revalidate();
    }
  }
  return { onSubmit, busy, error };
}

export function BallotBatches(props: Props) {
  const { t } = useTranslation();
  const { competitionId, batches, communities, canEdit, reissue } = props;
  const csv = useCsvDownload();
  const cardsUrl = `/admin/competitions/${competitionId}/cards`;
  return (
    <section className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("voting.batches")}</h2>
      <div className="overflow-x-auto">
        <table className="table" data-testid="batches">
          <thead>
            <tr>
              <th>{t("voting.batchName")}</th>
              <th>{t("voting.community")}</th>
              <th className="text-right">{t("voting.issued")}</th>
              <th className="text-right">{t("voting.used")}</th>
              <th className="text-right">{t("voting.void")}</th>
              {canEdit ? <th>{t("voting.voidBatch.column")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => {
              const unused = b.issued - b.used - b.void;
              const failed = props.voidBatch?.batchId === b.id ? props.voidBatch : null;
              return (
                <tr key={b.id} data-batch={b.id}>
                  <td>{b.name}</td>
                  <td>{b.communityName ?? "—"}</td>
                  <td className="text-right tabular-nums">{b.issued}</td>
                  <td className="text-right tabular-nums">{b.used}</td>
                  <td className="text-right tabular-nums">{b.void}</td>
                  {canEdit ? (
                    <td className="min-w-48">
                      {b.kind === "cards" && unused > 0 ? (
                        <details open={Boolean(failed)}>
                          <summary className="cursor-pointer text-red-700 underline">
                            {t("voting.voidBatch.open")}
                          </summary>
                          <Form method="post" className="mt-2 space-y-2">
                            <input type="hidden" name="intent" value="voidBatch" />
                            <input type="hidden" name="batchId" value={b.id} />
                            <p className="text-xs text-stone-600">
                              {t("voting.voidBatch.explain", { unused, used: b.used })}
                            </p>
                            <label className="block text-sm">
                              <span className="label">{t("voting.reason")}</span>
                              <input
                                name="reason"
                                className="input"
                                required
                                maxLength={200}
                                defaultValue={failed?.reason}
                                aria-invalid={failed ? true : undefined}
                                placeholder={t("voting.voidBatch.reasonPlaceholder")}
                              />
                            </label>
                            {failed ? (
                              <p className="field-error" role="alert">
                                {translateMessage(t, failed.error)}
                              </p>
                            ) : null}
                            <button className="btn-danger w-full">
                              {t("voting.voidBatch.submit", { unused })}
                            </button>
                          </Form>
                        </details>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <>
          <QrAddressWarning check={props.qrAddress} />
          <Form
            // A new key remounts the form, so the reissue values fill it in.
            key={reissue?.batchId ?? "new"}
            id="generate"
            method="post"
            action={cardsUrl}
            reloadDocument
            onSubmit={csv.onSubmit}
            className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-4"
          >
            {reissue ? (
              <p className="text-sm font-medium text-amber-900 sm:col-span-4">
                {t("voting.voidBatch.reissueHint")}
              </p>
            ) : null}
            <label className="text-sm">
              <span className="label">{t("voting.batchName")}</span>
              <input
                name="name"
                className="input"
                required
                maxLength={60}
                placeholder="春和社区 第一批"
                defaultValue={
                  reissue
                    ? t("voting.voidBatch.reissueName", { name: reissue.name }).slice(0, 60)
                    : undefined
                }
              />
            </label>
            <label className="text-sm">
              <span className="label">{t("voting.community")}</span>
              <select
                name="communityId"
                className="input"
                defaultValue={reissue?.communityId ?? ""}
              >
                <option value="">—</option>
                {communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="label">{t("voting.count")}</span>
              <input
                name="count"
                type="number"
                min={1}
                max={5000}
                defaultValue={reissue?.count ?? 100}
                className="input"
                required
              />
            </label>
            <div className="flex flex-col justify-end gap-2">
              <button name="format" value="print" className="btn-primary">
                {t("voting.outputPrint")}
              </button>
              <button
                name="format"
                value="csv"
                formAction={`${cardsUrl}.csv`}
                className="btn-secondary"
                disabled={csv.busy}
              >
                {csv.busy ? t("voting.csvBusy") : t("voting.outputCsv")}
              </button>
            </div>
            {csv.error ? (
              <p role="alert" className="field-error sm:col-span-4">
                {translateMessage(t, csv.error)}
              </p>
            ) : null}
            <p className="text-sm text-stone-500 sm:col-span-4">{t("voting.generateHint")}</p>
          </Form>
          <Form
            method="post"
            className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-4"
          >
            <input type="hidden" name="intent" value="void" />
            <label className="text-sm">
              <span className="label">{t("voting.batchName")}</span>
              <select name="batchId" className="input" required>
                {batches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="label">{t("voting.checkCode")}</span>
              <input
                name="checkCode"
                className="input font-mono uppercase"
                required
                maxLength={12}
              />
            </label>
            <label className="text-sm">
              <span className="label">{t("voting.reason")}</span>
              <input name="reason" className="input" maxLength={200} />
            </label>
            <div className="flex items-end">
              <button className="btn-danger w-full">{t("voting.voidButton")}</button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}
