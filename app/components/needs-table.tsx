import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type NeedSource, type NeedStatus, NEED_SOURCES, NEED_STATUSES } from "~/domain/enums";
import type { NeedCsvError } from "~/domain/needs-csv";
import { translateMessage } from "~/forms/messages";

interface NeedRow {
  id: number;
  community: string;
  title: string;
  description: string;
  source: NeedSource;
  raisedCount: number;
  status: NeedStatus;
}

export function NeedsTable({
  needs,
  showCommunity,
  editHref,
}: {
  needs: NeedRow[];
  showCommunity: boolean;
  editHref?: (id: number) => string;
}) {
  const { t } = useTranslation();
  if (needs.length === 0) return <p className="text-stone-500">{t("needs.none")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="table">
        <thead>
          <tr>
            {showCommunity ? <th>{t("needs.community")}</th> : null}
            <th>{t("needs.needTitle")}</th>
            <th className="hidden sm:table-cell">{t("needs.source")}</th>
            <th className="text-right">{t("needs.raisedCount")}</th>
            <th>{t("needs.status")}</th>
          </tr>
        </thead>
        <tbody>
          {needs.map((n) => (
            <tr key={n.id}>
              {showCommunity ? <td className="whitespace-nowrap">{n.community}</td> : null}
              <td>
                {editHref ? (
                  <Link to={editHref(n.id)} className="font-medium text-brand-700 underline">
                    {n.title}
                  </Link>
                ) : (
                  <span className="font-medium">{n.title}</span>
                )}
                {n.description ? (
                  <div className="text-xs text-stone-500">{n.description}</div>
                ) : null}
              </td>
              <td className="hidden whitespace-nowrap sm:table-cell">
                {t(`needs.sources.${n.source}`)}
              </td>
              <td className="text-right tabular-nums">{n.raisedCount}</td>
              <td className="whitespace-nowrap">{t(`needs.statuses.${n.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NeedsFilter({
  communities,
  values,
}: {
  communities?: Array<{ id: number; name: string }>;
  values: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="grid gap-3 sm:grid-cols-5" role="search">
      <label className="text-sm sm:col-span-2">
        <span className="label">{t("needs.search")}</span>
        <input
          type="search"
          name="q"
          defaultValue={values.q ?? ""}
          placeholder={t("needs.searchPlaceholder")}
          className="input"
        />
      </label>
      {communities ? (
        <label className="text-sm">
          <span className="label">{t("needs.community")}</span>
          <select name="community" defaultValue={values.community ?? ""} className="input">
            <option value="">{t("needs.all")}</option>
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="text-sm">
        <span className="label">{t("needs.status")}</span>
        <select name="status" defaultValue={values.status ?? ""} className="input">
          <option value="">{t("needs.all")}</option>
          {NEED_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`needs.statuses.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="label">{t("needs.source")}</span>
        <select name="source" defaultValue={values.source ?? ""} className="input">
          <option value="">{t("needs.all")}</option>
          {NEED_SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`needs.sources.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-end">
        <button type="submit" className="btn-secondary w-full">
          {t("needs.filter")}
        </button>
      </div>
    </Form>
  );
}

export function NeedsImport({ errors }: { errors?: NeedCsvError[] }) {
  const { t } = useTranslation();
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-2">
      <input type="hidden" name="intent" value="import" />
      <p className="text-sm text-stone-600">{t("needs.importHint")}</p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="block text-sm">
          <span className="label">{t("needs.importFile")}</span>
          <input type="file" name="file" accept=".csv,text/csv" className="block" />
        </label>
        <button type="submit" className="btn-secondary">
          {t("needs.importCsv")}
        </button>
      </div>
      {errors?.length ? (
        <div
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900"
        >
          <p className="font-medium">{t("needs.importFailed")}</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.map((e, i) => (
              <li key={i}>
                {e.line > 0
                  ? t("needs.lineError", {
                      line: e.line,
                      column: e.column ? `“${e.column}”` : "",
                      message: translateMessage(t, e.message),
                    })
                  : translateMessage(t, e.message)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Form>
  );
}
