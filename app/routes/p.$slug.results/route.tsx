import { randomUUID } from "node:crypto";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReceiptSection } from "~/components/receipt-check";
import { FundSummary, PrintNotice, ResultCards, ResultFacts } from "~/components/result-view";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { ObjectionPageSchema } from "~/forms/results-form";
import { receiptCounted } from "~/models/ballot.server";
import { brandLinks } from "~/models/brand.server";
import { getCompetitionBySlug } from "~/models/competition.server";
import { evaluatedCompetition } from "~/models/evaluation.server";
import { exportsBallots } from "~/models/open-ballots.server";
import {
  fileObjection,
  getPublishedEvaluation,
  getPublishedResult,
  listObjections,
  noticeState,
  ResultsError,
} from "~/models/results.server";
import { actorOf } from "~/models/user.server";
import { getUser } from "~/server/auth.server";
import { recordFailure, blockedFor } from "~/server/rate-limit.server";
import { EvaluationPublic } from "./evaluation";
import { NoticeHeader } from "./header";
import { Objections } from "./objections";
import { Verify } from "./verify";

/** Public, no login, phone first: the 公示 of a competition's results. */
export async function loader(args: LoaderFunctionArgs) {
  const { db } = args.context.services;
  const competition = await getCompetitionBySlug(db, args.params.slug ?? "");
  invariantResponse(competition, "Not found", { status: 404 });
  const published = await getPublishedResult(db, competition.id);
  // A 效果共评 round: its published scores (no money), with the same hash and chain head.
  const evaluation =
    competition.kind === "evaluation" ? await getPublishedEvaluation(db, competition.id) : null;
  const evaluates =
    competition.kind === "evaluation" ? await evaluatedCompetition(db, competition.id) : null;
  const url = new URL(args.request.url);
  const receipt = (url.searchParams.get("receipt") ?? "").trim().toUpperCase().slice(0, 20);
  const [objections, counted, user, brands] = await Promise.all([
    published ? listObjections(db, competition.id) : Promise.resolve([]),
    receipt ? receiptCounted(db, competition.id, receipt) : Promise.resolve(null),
    getUser(args),
    // Each project's 一社一品 brand page, beside its brand's name.
    brandLinks(db, published?.output.rows.map((r) => r.id) ?? []),
  ]);
  return json(
    {
      competition: {
        id: competition.id,
        slug: competition.slug,
        title: competition.title,
        kind: competition.kind,
        exportsBallots: exportsBallots(competition),
        evaluates: evaluates ? { slug: evaluates.slug, title: evaluates.title } : null,
      },
      evaluation: evaluation
        ? {
            id: evaluation.id,
            output: evaluation.output,
            hash: evaluation.outputHash,
            publishedAt: evaluation.publishedAt,
            audit: evaluation.audit,
            chainHead: evaluation.chainHead,
          }
        : null,
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
      brands,
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
  const submission = parseWithZod(form, { schema: ObjectionPageSchema });
  const refuse = (result: SubmissionResult<string[]>, status = 400) =>
    json({ result, filed: false }, { status });
  if (submission.status !== "success") return refuse(refusal(submission));
  const ip = args.context.clientIp;
  const wait = await blockedFor(limiters.objectionByIp, ip);
  if (wait > 0)
    return refuse(
      refusal(submission, { formErrors: [msg("results.errors.tooMany", { seconds: wait })] }),
      429,
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
    if (!(error instanceof ResultsError)) throw error;
    return refuse(refusal(submission, { formErrors: [msg(`results.problems.${error.refusal}`)] }));
  }
  return json({ result: submission.reply({ resetForm: true }), filed: true });
}

export default function PublicResults() {
  const { t } = useTranslation();
  const { competition, published, receipt, counted, brands } = useLoaderData<typeof loader>();
  if (competition.kind === "evaluation") return <EvaluationPublic />;
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
  return (
    <main className="mx-auto max-w-4xl space-y-5 px-4 py-6 print:max-w-none print:space-y-3 print:p-0">
      <NoticeHeader />

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t("results.moneyPerFund")}</h2>
        <FundSummary output={output} />
        <ResultFacts output={output} />
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold print:hidden">{t("results.ranking")}</h2>
        <ResultCards output={output} brandLinks={brands} />
        <PrintNotice output={output} />
      </section>

      <Verify />

      <ReceiptSection
        slug={competition.slug}
        receipt={receipt}
        counted={counted}
        className="print:hidden"
      />

      <Objections />
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.competition.title ?? ""} · 结果公示` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
