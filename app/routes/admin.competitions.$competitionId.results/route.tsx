import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { publishProblems, resultWarnings } from "~/domain/results";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { configToForm, ResultsTabSchema, toConfig } from "~/forms/results-form";
import { getCompetition } from "~/models/competition.server";
import { evaluationRoundsOf } from "~/models/evaluation.server";
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
import { requireUser } from "~/server/auth.server";
import { routeCompetition } from "~/server/competition-route.server";
import { redirectWithToast } from "~/server/toast.server";
import { toLocalInput } from "~/utils/datetime";
import { idParam } from "~/utils/params";
import { Exports } from "./exports";
import { Objections } from "./objections";
import { Draft, EvaluationRounds, PublishedBox } from "./publish";
import { RunForm } from "./run-form";
import { RunList } from "./runs";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db, id, competition } = await routeCompetition(args);
  // A 效果共评 round's result has its own tab (scores, no money).
  if (competition.kind === "evaluation") throw redirect(`/admin/competitions/${id}/evaluation`);
  const [runs, published, objections, rounds] = await Promise.all([
    listRuns(db, id),
    getPublishedResult(db, id),
    // Contacts are for the street alone (observers read everything else).
    listObjections(db, id, { withContact: user.role === "street_admin" }),
    evaluationRoundsOf(db, id),
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
    rounds,
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

/** What the allocation rules may spend on a run (ALLOCATION_MAX_RUNS). */
const limits = (args: ActionFunctionArgs) => ({
  add1MaxRuns: args.context.services.config.allocationMaxRuns,
});

/** A refusal of the model as a message for the form, with its numbers where it has them. */
function refusalMessage(error: ResultsError) {
  const key = `results.problems.${error.refusal}` as const;
  return error.refusal === "allocationLimit"
    ? msg(key, error.detail as { runs: number; share: string })
    : msg(key);
}

/** The form a reply belongs to: each objection has its own answer form. */
type FormName = "run" | "publish" | `answer-${string}`;

/** The form that was sent; an unknown intent is answered on the run form, always on the page. */
function formOf(formData: FormData): FormName {
  const intent = formData.get("intent");
  if (intent === "publish") return "publish";
  if (intent === "answer") return `answer-${String(formData.get("objectionId"))}`;
  return "run";
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  const competition = await getCompetition(db, id);
  invariantResponse(competition?.kind === "contest", "Not found", { status: 404 });
  const here = `/admin/competitions/${id}/results`;
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: ResultsTabSchema });
  const refuse = (form: FormName, result: SubmissionResult<string[]>) =>
    json({ form, result }, { status: 400 });
  // Refused beside the fields of the form that was sent, with what was typed kept.
  if (submission.status !== "success") return refuse(formOf(formData), refusal(submission));
  const v = submission.value;

  if (v.intent === "run") {
    const config = toConfig(v, v.lotSeed || freshLotSeed());
    try {
      const run = await runResults(db, actorOf(admin), id, config, v.reason ?? "", limits(args));
      return redirectWithToast(args.context, args.request, `${here}#draft`, {
        message: "results.ran",
        values: { id: run.id },
      });
    } catch (error) {
      if (!(error instanceof ResultsError)) throw error;
      return refuse(
        "run",
        error.refusal === "reasonRequired"
          ? refusal(submission, {
              fieldErrors: { reason: [msg("results.problems.reasonRequired")] },
            })
          : refusal(submission, { formErrors: [refusalMessage(error)] }),
      );
    }
  }

  if (v.intent === "publish") {
    const notice = { startsAt: v.noticeStartsAt!, endsAt: v.noticeEndsAt! };
    try {
      await publishRun(db, actorOf(admin), id, v.runId, notice, new Date(), limits(args));
    } catch (error) {
      if (!(error instanceof ResultsError)) throw error;
      return refuse("publish", refusal(submission, { formErrors: [refusalMessage(error)] }));
    }
    // A big screen showing the final reveal switches to the newly published result.
    args.context.services.broadcaster.stateChanged(id);
    return redirectWithToast(args.context, args.request, here, {
      message: "results.publishedToast",
    });
  }

  try {
    await answerObjection(db, actorOf(admin), id, v.objectionId, v.answer);
  } catch (error) {
    // The answer forms carry the ids of this competition's objections: another id is no form's.
    if (error instanceof ResultsError) throw json("Not found", { status: 404 });
    throw error;
  }
  return redirectWithToast(args.context, args.request, `${here}#objections`, {
    message: "results.answeredToast",
  });
}

export default function ResultsAdmin() {
  const { canEdit } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PublishedBox />
      <EvaluationRounds />
      {canEdit ? <RunForm /> : null}
      <Draft />
      <Objections />
      <Exports />
      <RunList />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
