import { randomUUID } from "node:crypto";
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { FundSummary, PrintNotice, ResultCards, ResultFacts } from "~/components/result-view";
import { Notice } from "~/components/vote-frame";
import { receiptCounted } from "~/models/ballot.server";
import { getCompetitionBySlug } from "~/models/competition.server";
import {
  fileObjection,
  getPublishedResult,
  listObjections,
  noticeState,
  ResultsError,
} from "~/models/results.server";
import { actorOf } from "~/models/user.server";
import { getUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/datetime";
import { readForm } from "~/utils/form-data.server";
import { msg } from "~/utils/messages";
import { recordFailure, blockedFor } from "~/utils/rate-limit.server";
import { ObjectionSchema } from "~/utils/results-form";

/** Public, no login, phone first: the 公示 of a competition's results. */
export async function loader(args: LoaderFunctionArgs) {
  const { db } = args.context.services;
  const competition = await getCompetitionBySlug(db, args.params.slug ?? "");
  invariantResponse(competition, "Not found", { status: 404 });
  const published = await getPublishedResult(db, competition.id);
  const url = new URL(args.request.url);
  const receipt = (url.searchParams.get("receipt") ?? "").trim().toUpperCase().slice(0, 20);
  const [objections, counted, user] = await Promise.all([
    published ? listObjections(db, competition.id) : Promise.resolve([]),
    receipt ? receiptCounted(db, competition.id, receipt) : Promise.resolve(null),
    getUser(args),
  ]);
  return json(
    {
      competition: { id: competition.id, slug: competition.slug, title: competition.title },
      published: published
        ? {
            id: published.id,
            output: published.output,
            hash: published.outputHash,
            reason: published.reason,
            publishedAt: published.publishedAt,
            noticeStartsAt: published.noticeStartsAt,
            noticeEndsAt: published.noticeEndsAt,
            notice: noticeState(published),
            audit: published.audit,
            chainHead: published.chainHead,
          }
        : null,
      objections,
      receipt,
      counted,
      // A fresh key per page view: a double tap or a resent form files one objection.
      objectionKey: randomUUID(),
      author: user?.role === "secretary" ? user.displayName : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action(args: ActionFunctionArgs) {
  const { db, limiters } = args.context.services;
  const competition = await getCompetitionBySlug(db, args.params.slug ?? "");
  invariantResponse(competition, "Not found", { status: 404 });
  const form = await readForm(args.request);
  const submission = parseWithZod(form, { schema: ObjectionSchema });
  if (submission.status !== "success")
    return json({ result: submission.reply(), filed: false }, { status: 400 });
  const ip = args.context.clientIp;
  const wait = await blockedFor(limiters.objectionByIp, ip);
  if (wait > 0)
    return json(
      {
        result: submission.reply({
          formErrors: [msg("results.errors.tooMany", { seconds: wait })],
        }),
        filed: false,
      },
      { status: 429 },
    );
  const user = await getUser(args);
  const secretary = user?.role === "secretary" ? user : null;
  const v = submission.value;
  try {
    const filed = await fileObjection(db, secretary ? actorOf(secretary) : null, competition.id, {
      proposalId: v.proposalId ?? null,
      authorName: v.authorName || (secretary?.displayName ?? "居民"),
      authorContact: v.authorContact ?? "",
      body: v.body,
      idempotencyKey: v.key,
    });
    if (!filed.duplicate) await recordFailure(limiters.objectionByIp, ip);
  } catch (error) {
    if (error instanceof ResultsError)
      return json(
        {
          result: submission.reply({ formErrors: [msg(`results.problems.${error.refusal}`)] }),
          filed: false,
        },
        { status: 400 },
      );
    throw error;
  }
  return json({ result: submission.reply({ resetForm: true }), filed: true });
}

export default function PublicResults() {
  const { t } = useTranslation();
  const { competition, published, receipt, counted } = useLoaderData<typeof loader>();
  if (!published)
    return (
      <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
        <p className="text-sm text-stone-500">{competition.title}</p>
        <h1 className="text-2xl font-bold">{t("results.publicTitle")}</h1>
        <p className="card">{t("results.notYet")}</p>
        <Link to={`/p/${competition.slug}`} className="text-brand-700 underline">
          {t("vote.viewProjects")}
        </Link>
      </main>
    );
  const { output } = published;
  const period = {
    from: formatDateTime(published.noticeStartsAt),
    to: formatDateTime(published.noticeEndsAt),
  };
  return (
    <main className="mx-auto max-w-4xl space-y-5 px-4 py-6 print:max-w-none print:space-y-3 print:p-0">
      <header className="space-y-2">
        <p className="text-sm text-stone-500">{competition.title}</p>
        <h1 className="text-2xl font-bold leading-snug sm:text-3xl">
          <span className="hidden print:inline">{competition.title} · </span>
          {t("results.publicTitle")}
        </h1>
        <p
          className={`rounded-lg px-3 py-2 text-base print:bg-white print:p-0 ${
            published.notice === "open"
              ? "bg-amber-50 text-amber-950"
              : "bg-stone-100 text-stone-700"
          }`}
          data-testid="notice-period"
        >
          {t(
            published.notice === "open"
              ? "results.noticeOpen"
              : published.notice === "before"
                ? "results.noticeBefore"
                : "results.noticeAfter",
            period,
          )}
        </p>
        {published.reason ? (
          <p className="text-base text-stone-700">
            {t("results.reasonPublic", { reason: published.reason })}
          </p>
        ) : null}
        <p className="hidden text-xs print:block">
          {t("results.printedAt", { at: formatDateTime(published.publishedAt) })}
        </p>
        <div className="flex flex-wrap gap-3 print:hidden">
          <a href="#receipt" className="btn-secondary">
            {t("results.checkReceipt")}
          </a>
          {published.notice === "open" ? (
            <a href="#objection" className="btn-secondary">
              {t("results.fileObjection")}
            </a>
          ) : null}
          <PrintButton />
        </div>
      </header>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t("results.moneyPerFund")}</h2>
        <FundSummary output={output} />
        <ResultFacts output={output} />
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold print:hidden">{t("results.ranking")}</h2>
        <ResultCards output={output} />
        <PrintNotice output={output} />
      </section>

      <section
        className="card space-y-2 print:border-0 print:p-0 print:shadow-none"
        data-testid="verify"
      >
        <p className="text-sm">
          <span className="text-stone-500">{t("results.hash")}:</span>
          <span className="break-all font-mono text-xs" data-testid="result-hash">
            {published.hash}
          </span>
        </p>
        {published.audit ? (
          <p className="text-sm">
            <span className="text-stone-500">
              {t("results.auditEntry", { id: published.audit.id })}
            </span>
            {" · "}
            {published.audit.hash ? (
              <span className="break-all font-mono text-xs">
                {t("results.auditChain")} {published.audit.hash}
              </span>
            ) : (
              <span className="text-stone-500">{t("results.auditPending")}</span>
            )}
          </p>
        ) : null}
        {published.chainHead ? (
          <p className="break-all text-sm text-stone-600" data-testid="chain-head">
            {t("results.chainHead", {
              seq: published.chainHead.seq,
              hash: published.chainHead.hash,
              time: formatDateTime(published.chainHead.at),
            })}
          </p>
        ) : null}
        <p className="text-sm text-stone-500 print:hidden">{t("results.verifyHint")}</p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm print:hidden">
          <li>
            <a
              className="text-brand-700 underline"
              href={`/api/competitions/${competition.id}/results`}
            >
              {t("results.openData")}
            </a>
          </li>
          {(["allocation", "scores", "tally"] as const).map((kind) => (
            <li key={kind}>
              <a
                className="text-brand-700 underline"
                href={`/api/competitions/${competition.id}/results/${kind}.xlsx`}
              >
                {t(
                  `results.export${kind === "scores" ? "Scores" : kind === "tally" ? "Tally" : "Allocation"}`,
                )}
              </a>
              {" · "}
              <a
                className="text-brand-700 underline"
                href={`/api/competitions/${competition.id}/results/${kind}.csv`}
              >
                CSV
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section id="receipt" className="card space-y-3 print:hidden">
        <h2 className="text-xl font-semibold">{t("results.checkReceipt")}</h2>
        <p className="text-base text-stone-600">{t("results.receiptHint")}</p>
        {/* The answer shows here, where the resident typed: the page opens at this section
            with or without JavaScript (#receipt). */}
        <Form
          method="get"
          action={`/p/${competition.slug}/results#receipt`}
          preventScrollReset
          className="flex flex-wrap items-end gap-3"
        >
          <label className="min-w-0 flex-1">
            <span className="label">{t("vote.receiptInput")}</span>
            <input
              name="receipt"
              defaultValue={receipt}
              className="input font-mono text-xl uppercase"
              autoCapitalize="characters"
              autoComplete="off"
              required
            />
          </label>
          <button type="submit" className="btn-primary min-h-12">
            {t("vote.check")}
          </button>
        </Form>
        <div data-testid="receipt-answer">
          {counted === true ? (
            <Notice tone="success">{t("vote.receiptCounted", { code: receipt })}</Notice>
          ) : null}
          {counted === false ? (
            <Notice tone="error">{t("vote.receiptNotFound", { code: receipt })}</Notice>
          ) : null}
        </div>
      </section>

      <Objections />
    </main>
  );
}

function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn-secondary" onClick={() => window.print()}>
      {t("results.print")}
    </button>
  );
}

function Objections() {
  const { t } = useTranslation();
  const { published, objections, objectionKey, author } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `objection-${objectionKey}`,
    lastResult: actionData?.result,
    defaultValue: { key: objectionKey, authorName: author ?? "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ObjectionSchema }),
  });
  if (!published) return null;
  const titleOf = (id: number | null) => published.output.rows.find((r) => r.id === id)?.title;
  return (
    <section
      id="objection"
      className="card space-y-4 print:break-before-page print:border-0 print:p-0 print:shadow-none"
    >
      <h2 className="text-xl font-semibold">{t("results.objections")}</h2>
      {objections.length === 0 ? (
        <p className="text-stone-500">{t("results.noObjections")}</p>
      ) : null}
      <ul className="space-y-3" data-testid="objections">
        {objections.map((o) => (
          <li
            key={o.id}
            className="rounded-lg border border-stone-200 p-3 print:break-inside-avoid"
          >
            <p className="text-sm text-stone-500">
              {o.authorName} · {formatDateTime(o.createdAt)}
              {o.proposalId
                ? ` · ${t("results.about", { title: titleOf(o.proposalId) ?? o.proposalId })}`
                : null}
            </p>
            <p className="mt-1 whitespace-pre-wrap text-base">{o.body}</p>
            {o.answer ? (
              <p className="mt-2 whitespace-pre-wrap rounded bg-brand-50 px-3 py-2 text-base">
                <span className="font-medium">{t("results.answer")}:</span>
                {o.answer}
                <span className="block text-xs text-stone-500">{formatDateTime(o.answeredAt)}</span>
              </p>
            ) : (
              <p className="mt-2 text-sm text-amber-800">{t("results.unanswered")}</p>
            )}
          </li>
        ))}
      </ul>
      <div className="print:hidden">
        {actionData?.filed ? <Notice tone="success">{t("results.objectionFiled")}</Notice> : null}
        {published.notice === "open" ? (
          <Form method="post" {...getFormProps(form)} preventScrollReset className="mt-4 space-y-3">
            <h3 className="text-lg font-semibold">{t("results.fileObjection")}</h3>
            <input {...getInputProps(fields.key, { type: "hidden" })} />
            <ErrorList errors={form.errors} />
            <SelectField
              label={t("results.objectionProject")}
              errors={fields.proposalId.errors}
              selectProps={getSelectProps(fields.proposalId)}
            >
              <option value="">{t("results.objectionNone")}</option>
              {published.output.rows.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.communityName} · {r.title}
                </option>
              ))}
            </SelectField>
            <TextareaField
              label={t("results.objectionBody")}
              errors={fields.body.errors}
              textareaProps={{ ...getTextareaProps(fields.body), rows: 4 }}
            />
            <Field
              label={t("results.objectionName")}
              errors={fields.authorName.errors}
              inputProps={{
                ...getInputProps(fields.authorName, { type: "text" }),
                placeholder: t("results.defaultName"),
              }}
            />
            <Field
              label={t("results.objectionContact")}
              errors={fields.authorContact.errors}
              inputProps={{
                ...getInputProps(fields.authorContact, { type: "text" }),
                autoComplete: "tel",
              }}
            />
            <button
              type="submit"
              className="btn-primary min-h-12"
              disabled={navigation.state === "submitting"}
            >
              {t("results.objectionSubmit")}
            </button>
          </Form>
        ) : (
          <p className="text-stone-500">{t("results.objectionClosed")}</p>
        )}
      </div>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.competition.title ?? ""} · 结果公示` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
