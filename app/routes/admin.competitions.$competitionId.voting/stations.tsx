/** The voting tab's polling stations: their reconciliation status, and adding one. */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, SelectField } from "~/components/forms";
import type { Reconciliation } from "~/domain/paper-count";
import { StationSchema, VotingPageSchema } from "./schema";

interface StationRow {
  id: number;
  name: string;
  communityName: string;
  status: Reconciliation["status"];
}

function AddStationForm({
  communities,
  lastResult,
}: {
  communities: Array<{ id: number; name: string }>;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-station",
    lastResult,
    constraint: getZodConstraint(StationSchema),
    defaultValue: { communityId: communities[0] ? String(communities[0].id) : "", name: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VotingPageSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-3">
      <input type="hidden" name="intent" value="station" />
      <SelectField
        className="text-sm"
        label={t("voting.community")}
        errors={fields.communityId.errors}
        selectProps={getSelectProps(fields.communityId)}
      >
        {communities.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Field
        className="text-sm"
        label={t("voting.stationName")}
        errors={fields.name.errors}
        inputProps={getInputProps(fields.name, { type: "text" })}
      />
      <div className="flex items-end">
        <button className="btn-secondary w-full">{t("voting.addStation")}</button>
      </div>
      {form.errors?.length ? (
        <div className="sm:col-span-3">
          <ErrorList id={form.errorId} errors={form.errors} />
        </div>
      ) : null}
    </Form>
  );
}

export function Stations({
  competitionId,
  stations,
  communities,
  canEdit,
  lastResult,
}: {
  competitionId: number;
  stations: StationRow[];
  communities: Array<{ id: number; name: string }>;
  canEdit: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  return (
    <section className="card space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("voting.stations")}</h2>
        <Link
          to={`/admin/competitions/${competitionId}/paper-ballot`}
          className="btn-secondary"
          target="_blank"
        >
          {t("voting.paperBallot")}
        </Link>
      </div>
      <ul className="divide-y divide-stone-100" data-testid="stations">
        {stations.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
            <span>
              {s.name} <span className="text-sm text-stone-500">· {s.communityName}</span>
            </span>
            <span className="flex items-center gap-3 text-sm">
              <span
                className={
                  s.status === "mismatch"
                    ? "font-semibold text-red-700"
                    : s.status === "agreed" || s.status === "resolved"
                      ? "text-emerald-700"
                      : "text-stone-600"
                }
              >
                {t(`voting.status.${s.status}`)}
              </span>
              <Link
                to={`/admin/competitions/${competitionId}/stations/${s.id}`}
                className="text-brand-700 underline"
              >
                {s.status === "mismatch" ? t("voting.resolve") : t("voting.open")}
              </Link>
            </span>
          </li>
        ))}
      </ul>
      {canEdit ? <AddStationForm communities={communities} lastResult={lastResult} /> : null}
    </section>
  );
}
