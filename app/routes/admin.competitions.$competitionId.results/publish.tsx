/** The published result at the top of the tab; the draft below the settings, with its publish form. */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/forms";
import { FundSummary, ResultCards, ResultFacts } from "~/components/result-view";
import { PublishSchema } from "~/forms/results-form";
import { formatDateTime } from "~/utils/datetime";
import type { action, loader } from "./route";

export function PublishedBox() {
  const { t } = useTranslation();
  const { published, competition } = useLoaderData<typeof loader>();
  if (!published)
    return (
      <p className="rounded-lg bg-stone-100 px-4 py-3 text-stone-700" data-testid="published">
        {t("results.notPublished")}
      </p>
    );
  return (
    <section className="card space-y-2 border-brand-600" data-testid="published">
      <h2 className="text-lg font-semibold">{t("results.published", { id: published.id })}</h2>
      <p>
        {t("results.noticePeriod")}:{formatDateTime(published.noticeStartsAt)} –{" "}
        {formatDateTime(published.noticeEndsAt)}
      </p>
      <p className="break-all font-mono text-xs text-stone-500">
        {t("results.hash")}: {published.hash}
      </p>
      <FundSummary output={published.output} />
      <Link className="inline-block text-brand-700 underline" to={`/p/${competition.slug}/results`}>
        {t("results.publicTitle")} →
      </Link>
    </section>
  );
}

/** 效果共评: the rounds over this competition's funded projects, and 发起效果共评 once published. */
export function EvaluationRounds() {
  const { t } = useTranslation();
  const { published, competition, rounds, canEdit } = useLoaderData<typeof loader>();
  if (!published && rounds.length === 0) return null;
  return (
    <section className="card space-y-3" data-testid="evaluation-rounds">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">{t("evaluation.title")}</h2>
          <p className="text-sm text-stone-600">{t("evaluation.slogan")}</p>
        </div>
        {canEdit && published ? (
          <Link
            to={`/admin/competitions/${competition.id}/evaluations/new`}
            className="btn-primary"
          >
            {t("evaluation.start")}
          </Link>
        ) : null}
      </div>
      {rounds.length ? (
        <ul className="divide-y divide-stone-100">
          {rounds.map((r) => (
            <li key={r.id} className="flex flex-wrap justify-between gap-2 py-2">
              <Link to={`/admin/competitions/${r.id}/voting`} className="text-brand-700 underline">
                {r.title}
              </Link>
              <span className="text-sm text-stone-500">
                {t(`competition.voteRules.${r.voteRule}`)} · {t(`phases.${r.phase}`)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-stone-600">{t("evaluation.noRounds")}</p>
      )}
    </section>
  );
}

/** The latest run while it is a draft: its facts, what would stop publishing, and the cards. */
export function Draft() {
  const { t } = useTranslation();
  const { canEdit, draft } = useLoaderData<typeof loader>();
  return (
    <section id="draft" className="space-y-4">
      {draft ? (
        <>
          <div className="card space-y-3">
            <h2 className="text-lg font-semibold">{t("results.draft", { id: draft.id })}</h2>
            <p className="break-all font-mono text-xs text-stone-500">
              {t("results.hash")}: {draft.hash}
            </p>
            <ResultFacts output={draft.output} />
            <FundSummary output={draft.output} />
            {draft.warnings.length ? (
              <ul
                className="space-y-1 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900"
                data-testid="warnings"
              >
                {draft.warnings.map((w) => (
                  <li key={w.code}>
                    {w.code === "offlineNotInEqualShares"
                      ? t("results.warnings.offlineNotInEqualShares", { n: w.ballots })
                      : w.code === "unscored"
                        ? t("results.warnings.unscored", { n: w.ids.length })
                        : t("results.warnings.unbrokenTie", {
                            titles: w.ids
                              .map((x) => draft.output.rows.find((r) => r.id === x)?.communityName)
                              .join("、"),
                          })}
                  </li>
                ))}
              </ul>
            ) : null}
            {canEdit ? <PublishForm /> : null}
          </div>
          <ResultCards output={draft.output} />
        </>
      ) : (
        <p className="card text-stone-600">{t("results.noDraft")}</p>
      )}
    </section>
  );
}

function PublishForm() {
  const { t } = useTranslation();
  const { draft, published, noticeDefaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "publish";
  const [form, fields] = useForm({
    id: `results-publish-${draft!.id}`,
    lastResult: actionData?.form === "publish" ? actionData.result : undefined,
    defaultValue: { runId: String(draft!.id), ...noticeDefaults },
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublishSchema }),
  });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 border-t border-stone-200 pt-4"
    >
      <input type="hidden" name="intent" value="publish" />
      <input {...getInputProps(fields.runId, { type: "hidden" })} />
      {draft!.problems.length ? (
        <ul
          className="space-y-1 rounded-lg bg-red-50 px-4 py-3 text-red-900"
          data-testid="problems"
        >
          {draft!.problems.map((p) => (
            <li key={p}>{t(`results.problems.${p}`)}</li>
          ))}
        </ul>
      ) : null}
      <ErrorList errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("results.noticeStartsAt")}
          errors={fields.noticeStartsAt.errors}
          inputProps={getInputProps(fields.noticeStartsAt, { type: "datetime-local" })}
        />
        <Field
          label={t("results.noticeEndsAt")}
          errors={fields.noticeEndsAt.errors}
          inputProps={getInputProps(fields.noticeEndsAt, { type: "datetime-local" })}
        />
      </div>
      {published ? (
        <p className="text-sm text-stone-600">{t("results.supersedes", { id: published.id })}</p>
      ) : null}
      <button type="submit" className="btn-primary" disabled={busy || draft!.problems.length > 0}>
        {t("results.publish")}
      </button>
    </Form>
  );
}
