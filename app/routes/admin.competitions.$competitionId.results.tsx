import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxField, ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { FundSummary, ResultCards, ResultFacts } from "~/components/result-view";
import { RESIDENT_RULES, TIE_BREAKS } from "~/domain/ranking";
import { publishProblems, RESULT_RULES, resultWarnings } from "~/domain/results";
import { getCompetition } from "~/models/competition.server";
import {
  answerObjection,
  freshLotSeed,
  getPublishedResult,
  getRun,
  listObjections,
  listRuns,
  publishRun,
  ResultsError,
  runResults,
} from "~/models/results.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, toLocalInput } from "~/utils/datetime";
import { readForm } from "~/utils/form-data.server";
import { msg } from "~/utils/messages";
import { idParam } from "~/utils/params";
import {
  AnswerSchema,
  configToForm,
  PublishSchema,
  RunSchema,
  toConfig,
} from "~/utils/results-form";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  const competition = await getCompetition(db, id);
  invariantResponse(competition, "Not found", { status: 404 });
  const [runs, published, objections] = await Promise.all([
    listRuns(db, id),
    getPublishedResult(db, id),
    // Contacts are for the street alone (observers read everything else).
    listObjections(db, id, { withContact: user.role === "street_admin" }),
  ]);
  const latestId = runs[0]?.id;
  const latest = latestId ? await getRun(db, id, latestId) : null;
  const draft = latest?.status === "draft" ? latest : null;
  const now = new Date();
  const week = new Date(now.getTime() + 7 * 24 * 3600_000);
  return json({
    competition: { id, slug: competition.slug, phase: competition.phase },
    canEdit: user.role === "street_admin",
    runs,
    draft: draft
      ? {
          id: draft.id,
          output: draft.output,
          hash: draft.outputHash,
          reason: draft.reason,
          createdAt: draft.createdAt,
          problems: publishProblems(draft.output, competition.votingClosesAt, now),
          warnings: resultWarnings(draft.output),
        }
      : null,
    published: published
      ? {
          id: published.id,
          output: published.output,
          hash: published.outputHash,
          publishedAt: published.publishedAt,
          noticeStartsAt: published.noticeStartsAt,
          noticeEndsAt: published.noticeEndsAt,
          audit: published.audit,
        }
      : null,
    objections,
    formDefaults: configToForm(latest?.config ?? null),
    noticeDefaults: {
      noticeStartsAt: toLocalInput(
        competition.noticeStartsAt && competition.noticeStartsAt > now
          ? competition.noticeStartsAt
          : now,
      ),
      noticeEndsAt: toLocalInput(
        competition.noticeEndsAt && competition.noticeEndsAt > now
          ? competition.noticeEndsAt
          : week,
      ),
    },
  });
}

const Intent = z.object({ intent: z.enum(["run", "publish", "answer"]) });

/** What the allocation rules may spend on a run (ALLOCATION_MAX_RUNS). */
const limits = (args: ActionFunctionArgs) => ({
  add1MaxRuns: args.context.services.config.allocationMaxRuns,
});

/** A refusal as a message for the form, with its numbers where it has them. */
function refusal(error: ResultsError) {
  const key = `results.problems.${error.refusal}`;
  return error.refusal === "allocationLimit"
    ? msg(key, error.detail as { runs: number; share: string })
    : msg(key);
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(db, id), "Not found", { status: 404 });
  const here = `/admin/competitions/${id}/results`;
  const form = await readForm(args.request);
  const intent = Intent.safeParse({ intent: form.get("intent") });
  invariantResponse(intent.success, "Bad request", { status: 400 });

  if (intent.data.intent === "run") {
    const submission = parseWithZod(form, { schema: RunSchema });
    if (submission.status !== "success")
      return json({ form: "run" as const, result: submission.reply() }, { status: 400 });
    const config = toConfig(submission.value, submission.value.lotSeed || freshLotSeed());
    try {
      const run = await runResults(
        db,
        actorOf(admin),
        id,
        config,
        submission.value.reason ?? "",
        limits(args),
      );
      return redirectWithToast(args.context, args.request, `${here}#draft`, {
        message: "results.ran",
        values: { id: run.id },
      });
    } catch (error) {
      if (error instanceof ResultsError && error.refusal === "reasonRequired")
        return json(
          {
            form: "run" as const,
            result: submission.reply({
              fieldErrors: { reason: [msg("results.problems.reasonRequired")] },
            }),
          },
          { status: 400 },
        );
      if (error instanceof ResultsError)
        return json(
          { form: "run" as const, result: submission.reply({ formErrors: [refusal(error)] }) },
          { status: 400 },
        );
      throw error;
    }
  }

  if (intent.data.intent === "publish") {
    const submission = parseWithZod(form, { schema: PublishSchema });
    if (submission.status !== "success")
      return json({ form: "publish" as const, result: submission.reply() }, { status: 400 });
    const { runId, noticeStartsAt, noticeEndsAt } = submission.value;
    try {
      await publishRun(
        db,
        actorOf(admin),
        id,
        runId,
        { startsAt: noticeStartsAt!, endsAt: noticeEndsAt! },
        new Date(),
        limits(args),
      );
    } catch (error) {
      if (error instanceof ResultsError)
        return json(
          { form: "publish" as const, result: submission.reply({ formErrors: [refusal(error)] }) },
          { status: 400 },
        );
      throw error;
    }
    // A big screen showing the final reveal switches to the newly published result.
    args.context.services.broadcaster.stateChanged(id);
    return redirectWithToast(args.context, args.request, here, {
      message: "results.publishedToast",
    });
  }

  const submission = parseWithZod(form, { schema: AnswerSchema });
  if (submission.status !== "success")
    return json(
      { form: `answer-${String(form.get("objectionId"))}`, result: submission.reply() },
      { status: 400 },
    );
  try {
    await answerObjection(
      db,
      actorOf(admin),
      id,
      submission.value.objectionId,
      submission.value.answer,
    );
  } catch (error) {
    if (error instanceof ResultsError) throw json("Not found", { status: 404 });
    throw error;
  }
  return redirectWithToast(args.context, args.request, `${here}#objections`, {
    message: "results.answeredToast",
  });
}

export default function ResultsAdmin() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { competition, canEdit, draft, published, runs, objections } = data;
  return (
    <div className="space-y-6">
      <PublishedBox />
      {canEdit ? <RunForm /> : null}
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
                                .map(
                                  (x) => draft.output.rows.find((r) => r.id === x)?.communityName,
                                )
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

      <section id="objections" className="card space-y-4">
        <h2 className="text-lg font-semibold">{t("results.objections")}</h2>
        {objections.length === 0 ? (
          <p className="text-stone-500">{t("results.noObjections")}</p>
        ) : null}
        <ul className="space-y-4">
          {objections.map((o) => (
            <li key={o.id} className="rounded-lg border border-stone-200 p-3" data-objection={o.id}>
              <p className="text-sm text-stone-500">
                #{o.id} · {o.authorName} · {formatDateTime(o.createdAt)}
                {"authorContact" in o && o.authorContact
                  ? ` · ${t("results.contact")}: ${o.authorContact}`
                  : null}
                {o.proposalId
                  ? ` · ${t("results.about", {
                      title:
                        (published ?? draft)?.output.rows.find((r) => r.id === o.proposalId)
                          ?.title ?? o.proposalId,
                    })}`
                  : null}
              </p>
              <p className="mt-1 whitespace-pre-wrap">{o.body}</p>
              {o.answer ? (
                <p className="mt-2 whitespace-pre-wrap rounded bg-brand-50 px-3 py-2">
                  <span className="font-medium">{t("results.answer")}:</span>
                  {o.answer}
                </p>
              ) : (
                <p className="mt-2 text-sm text-amber-800">{t("results.unanswered")}</p>
              )}
              {canEdit ? <AnswerForm id={o.id} answer={o.answer} /> : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("results.exports")}</h2>
        {published ? (
          <>
            <h3 className="font-medium">{t("results.published", { id: published.id })}</h3>
            <ExportLinks competitionId={competition.id} slug={competition.slug} />
          </>
        ) : (
          <p className="text-stone-500">{t("results.noPublishedExports")}</p>
        )}
        {draft ? (
          <>
            <h3 className="pt-2 font-medium">{t("results.draft", { id: draft.id })}</h3>
            <ExportLinks competitionId={competition.id} slug={competition.slug} draft />
          </>
        ) : null}
      </section>

      {runs.length ? (
        <section className="card">
          <h2 className="mb-2 text-lg font-semibold">{t("results.runs")}</h2>
          <ul className="space-y-1 text-sm" data-testid="runs">
            {runs.map((r) => (
              <li key={r.id}>
                {t("results.runLine", {
                  id: r.id,
                  status: t(`results.statuses.${r.status}`),
                  at: formatDateTime(r.createdAt),
                  by: r.createdBy ?? "—",
                })}
                {r.reason ? ` · ${r.reason}` : null}
                <span className="ml-2 font-mono text-xs text-stone-400">
                  {r.outputHash.slice(0, 16)}…
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ExportLinks({
  competitionId,
  slug,
  draft = false,
}: {
  competitionId: number;
  slug: string;
  /** Links to the latest draft run (street and observers only) instead of the published one. */
  draft?: boolean;
}) {
  const { t } = useTranslation();
  const base = `/api/competitions/${competitionId}/results`;
  const query = draft ? "?draft=1" : "";
  return (
    <ul className="space-y-2 text-base">
      {(["scores", "tally", "allocation"] as const).map((kind) => (
        <li key={kind} className="flex flex-wrap items-center gap-3">
          <span className="min-w-56">
            {t(
              `results.export${kind === "scores" ? "Scores" : kind === "tally" ? "Tally" : "Allocation"}`,
            )}
          </span>
          <a className="text-brand-700 underline" href={`${base}/${kind}.csv${query}`} download>
            {t("results.csv")}
          </a>
          <a className="text-brand-700 underline" href={`${base}/${kind}.xlsx${query}`} download>
            {t("results.xlsx")}
          </a>
        </li>
      ))}
      {draft ? null : (
        <li className="flex flex-wrap gap-3">
          <a className="text-brand-700 underline" href={base}>
            {t("results.openData")}
          </a>
          <Link className="text-brand-700 underline" to={`/p/${slug}/results`}>
            {t("results.publicTitle")}
          </Link>
        </li>
      )}
    </ul>
  );
}

function PublishedBox() {
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

function RunForm() {
  const { t } = useTranslation();
  const { formDefaults, published } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "run";
  const [form, fields] = useForm({
    id: "results-run",
    lastResult: actionData?.form === "run" ? actionData.result : undefined,
    defaultValue: formDefaults,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RunSchema }),
  });
  const rule = fields.rule.value ?? formDefaults.rule;
  const tiers = fields.tiers.getFieldList();
  const tieOptions = (
    <>
      <option value="">{t("results.tieNone")}</option>
      {TIE_BREAKS.map((x) => (
        <option key={x} value={x}>
          {t(`results.tieBreaks.${x}`)}
        </option>
      ))}
    </>
  );
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-5">
      <h2 className="text-lg font-semibold">{t("results.settings")}</h2>
      <input type="hidden" name="intent" value="run" />
      <ErrorList errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t("results.residentRule")}
          errors={fields.residentRule.errors}
          selectProps={getSelectProps(fields.residentRule)}
        >
          {RESIDENT_RULES.map((r) => (
            <option key={r} value={r}>
              {t(`results.residentRules.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("results.rule")}
          errors={fields.rule.errors}
          selectProps={getSelectProps(fields.rule)}
        >
          {RESULT_RULES.map((r) => (
            <option key={r} value={r}>
              {t(`results.rules.${r}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="label">{t("results.tieBreak")}</legend>
        {([fields.tie1, fields.tie2, fields.tie3] as const).map((field, i) => (
          <SelectField
            key={field.name}
            label={String(i + 1)}
            errors={field.errors}
            selectProps={getSelectProps(field)}
          >
            {tieOptions}
          </SelectField>
        ))}
        <Field
          label={t("results.lotSeed")}
          errors={fields.lotSeed.errors}
          inputProps={{ ...getInputProps(fields.lotSeed, { type: "text" }), autoComplete: "off" }}
        />
        <p className="text-sm text-stone-500 sm:col-span-4">{t("results.lotSeedHint")}</p>
      </fieldset>

      {rule === "greedy" ? (
        <CheckboxField
          label={t("results.partialFirst")}
          errors={fields.partialFirst.errors}
          inputProps={getInputProps(fields.partialFirst, { type: "checkbox" })}
        />
      ) : null}
      {rule === "equal-shares" ? (
        <SelectField
          label={t("results.completion")}
          errors={fields.completion.errors}
          selectProps={getSelectProps(fields.completion)}
        >
          {(["greedy", "none"] as const).map((c) => (
            <option key={c} value={c}>
              {t(`results.completions.${c}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {rule === "tiers" ? (
        <fieldset className="space-y-3">
          <legend className="label">{t("results.tiers")}</legend>
          {tiers.map((tier, index) => {
            const f = tier.getFieldset();
            return (
              <div
                key={tier.key}
                className="grid items-end gap-3 rounded-lg bg-stone-50 p-3 sm:grid-cols-6"
              >
                <Field
                  label={t("results.tierName")}
                  errors={f.name.errors}
                  inputProps={getInputProps(f.name, { type: "text" })}
                />
                <Field
                  label={t("results.tierCount")}
                  errors={f.count.errors}
                  inputProps={{ ...getInputProps(f.count, { type: "text" }), inputMode: "numeric" }}
                />
                <SelectField
                  label={t("results.tierAmountKind")}
                  errors={f.amountKind.errors}
                  selectProps={getSelectProps(f.amountKind)}
                >
                  <option value="percent">{t("results.tierKinds.percent")}</option>
                  <option value="fixed">{t("results.tierKinds.fixed")}</option>
                </SelectField>
                {(f.amountKind.value ?? "percent") === "fixed" ? (
                  <Field
                    label={t("results.tierFixed")}
                    errors={f.fixed.errors}
                    inputProps={{
                      ...getInputProps(f.fixed, { type: "text" }),
                      inputMode: "decimal",
                    }}
                  />
                ) : (
                  <Field
                    label={t("results.tierPercent")}
                    errors={f.percent.errors}
                    inputProps={{
                      ...getInputProps(f.percent, { type: "text" }),
                      inputMode: "numeric",
                    }}
                  />
                )}
                <button
                  className="btn-secondary"
                  {...form.remove.getButtonProps({ name: fields.tiers.name, index })}
                >
                  {t("results.removeTier")}
                </button>
              </div>
            );
          })}
          <ErrorList errors={fields.tiers.errors} />
          <button
            className="btn-secondary"
            {...form.insert.getButtonProps({
              name: fields.tiers.name,
              defaultValue: { name: "", count: "1", amountKind: "percent", fixed: "", percent: "" },
            })}
          >
            + {t("results.addTier")}
          </button>
        </fieldset>
      ) : null}

      {published ? (
        <TextareaField
          label={t("results.reason")}
          hint={t("results.reasonHint")}
          errors={fields.reason.errors}
          textareaProps={{ ...getTextareaProps(fields.reason), rows: 2 }}
        />
      ) : null}
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("results.run")}
      </button>
    </Form>
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

function AnswerForm({ id, answer }: { id: number; answer: string | null }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy =
    navigation.state === "submitting" && navigation.formData?.get("objectionId") === String(id);
  const [form, fields] = useForm({
    id: `answer-${id}`,
    lastResult: actionData?.form === `answer-${id}` ? actionData.result : undefined,
    defaultValue: { objectionId: String(id), answer: answer ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnswerSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-2">
      <input type="hidden" name="intent" value="answer" />
      <input {...getInputProps(fields.objectionId, { type: "hidden" })} />
      <TextareaField
        label={t("results.answer")}
        errors={fields.answer.errors}
        textareaProps={{ ...getTextareaProps(fields.answer), rows: 2 }}
      />
      <button type="submit" className="btn-secondary" disabled={busy}>
        {t("results.answerSave")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
