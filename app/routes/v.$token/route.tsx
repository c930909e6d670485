import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { type BallotProblem, checkBallot } from "~/domain/ballot";
import { checkComments, checkRatings } from "~/domain/evaluation";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { castVote, choicesOf, evaluationFieldsOf } from "~/server/vote.server";
import { ConfirmRatings, RatingStep } from "./rating";
import { ChooseStep, ConfirmStep, ReceiptStep, RefusedStep } from "./steps";
import type { StepData, View } from "./types";
import { view } from "./view.server";

export const handle = { chromeless: true };

/**
 * The voting page of one ballot card: /v/<token>. Works without JavaScript: the form posts the
 * chosen project ids as `choice` fields; a first post (`intent=review`, or none) shows the
 * confirmation, a post with `intent=confirm` casts the ballot, `intent=back` goes back to the
 * choice. Kiosks and scripts may post `choice`s with `intent=confirm` directly (a 302 to
 * /v/<token>?cast=1 means recorded), or use POST /api/ballots/<token> for JSON.
 */

const notOnBallot = msg("vote.problems.notOnBallot");
/** Project ids, each once; anything else is not a project of any ballot. */
const choice = z
  .array(
    z
      .number({ error: notOnBallot })
      .int(notOnBallot)
      .positive(notOnBallot)
      .max(2147483647, notOnBallot),
  )
  .default([])
  .transform((ids) => [...new Set(ids)]);

const BallotPageSchema = intents([
  z.object({ intent: z.literal("review").default("review"), choice }),
  z.object({ intent: z.literal("back"), choice }),
  z.object({ intent: z.literal("confirm"), choice }),
]);

export async function loader(args: LoaderFunctionArgs) {
  const { view: v, status } = await view(args, args.params.token ?? "");
  return json(v, { status, headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } });
}

export async function action(args: ActionFunctionArgs) {
  const token = args.params.token ?? "";
  const form = await readForm(args.request);
  const submission = parseWithZod(form, { schema: BallotPageSchema });
  // Refused: the ballot again, with the message and the ticks as they were.
  // 效果共评: `rating.<id>` and `comment.<id>` fields (checked with the ballot below).
  const evaluation = evaluationFieldsOf(form.entries());
  const refuse = (errors: Parameters<typeof refusal>[1] = {}) =>
    json<StepData>(
      {
        step: "choose",
        choices: choicesOf(form),
        result: refusal(submission, errors),
        evaluation,
      },
      { status: 400 },
    );
  if (submission.status !== "success") return refuse();
  const { intent } = submission.value;
  // In rating mode the rated projects are the choices, each with its rating.
  const rated = evaluation.ratings.length > 0;
  const choices = rated ? evaluation.ratings.map((r) => r.proposalId) : submission.value.choice;
  const extra = {
    ...(rated ? { ratings: evaluation.ratings.map((r) => r.rating) } : {}),
    comments: evaluation.comments,
  };

  if (intent === "back")
    return json<StepData>({ step: "choose", choices, result: null, evaluation });
  if (intent === "review") {
    // Step one: check the choice and show it back for confirmation (nothing is recorded yet).
    const { view: v, status } = await view(args, token);
    if (v.kind !== "ballot") return json<StepData>({ step: "refused", view: v }, { status });
    const onBallot = v.ballot.projects.map((p) => p.id);
    const check =
      v.ballot.rule === "rating"
        ? checkRatings(onBallot, evaluation.ratings)
        : checkBallot(
            {
              rule: v.ballot.rule,
              maxChoices: v.ballot.maxChoices,
              voterBudgetFen: v.ballot.voterBudgetFen,
            },
            v.ballot.projects,
            choices,
          );
    if (!check.ok) return refuse({ fieldErrors: { choice: [problem(check.problem)] } });
    const said =
      v.ballot.kind === "evaluation" ? checkComments(onBallot, evaluation.comments) : null;
    if (said && !said.ok) return refuse({ fieldErrors: { choice: [problem(said.problem)] } });
    return json<StepData>({
      step: "confirm",
      choices,
      evaluation: { ratings: evaluation.ratings, comments: said?.ok ? said.comments : [] },
    });
  }

  const result = await castVote(
    args.context.services,
    args.context.clientIp,
    token,
    choices,
    extra,
  );
  if (result.ok)
    return redirect(`/v/${encodeURIComponent(token)}${result.status === "cast" ? "?cast=1" : ""}`);
  if (isBallotProblem(result.refusal))
    return refuse({ fieldErrors: { choice: [problem(result.refusal)] } });
  // The street switched the rule after this page was loaded: choose again on the new ballot.
  if (result.refusal === "ruleChanged")
    return refuse({ fieldErrors: { choice: [msg("vote.refusals.ruleChanged")] } });
  return redirect(`/v/${encodeURIComponent(token)}`);
}

const BALLOT_PROBLEMS: readonly string[] = [
  "empty",
  "tooMany",
  "notOnBallot",
  "duplicate",
  "overBudget",
  "badRating",
  "commentTooLong",
] satisfies BallotProblem[];
function isBallotProblem(refusal: string): refusal is BallotProblem {
  return BALLOT_PROBLEMS.includes(refusal);
}

/** A ballot problem's message (the ballot's own numbers are filled in by the page). */
function problem(code: BallotProblem) {
  return msg(`vote.problems.${code}`);
}

export default function VotePage() {
  const loaded = useLoaderData<typeof loader>() as View;
  const raw = useActionData<typeof action>();
  const actionData = raw && "step" in raw ? (raw as StepData) : undefined;
  const v = actionData?.step === "refused" ? actionData.view : loaded;
  if (v.kind === "refused") return <RefusedStep view={v} />;
  if (v.kind === "receipt") return <ReceiptStep view={v} />;
  const refused = actionData?.step === "choose" ? actionData.result : null;
  const errors = Object.values(refused?.error ?? {}).flatMap((messages) => messages ?? []);
  if (v.ballot.rule === "rating") {
    if (actionData?.step === "confirm")
      return <ConfirmRatings ballot={v.ballot} evaluation={actionData.evaluation!} />;
    return (
      <RatingStep
        ballot={v.ballot}
        checkCode={v.checkCode}
        initial={
          actionData?.step === "choose" && actionData.evaluation
            ? actionData.evaluation
            : { ratings: [], comments: [] }
        }
        errors={errors}
      />
    );
  }
  if (actionData?.step === "confirm")
    return (
      <ConfirmStep
        ballot={v.ballot}
        choices={actionData.choices}
        comments={actionData.evaluation?.comments}
      />
    );
  return (
    <ChooseStep
      ballot={v.ballot}
      checkCode={v.checkCode}
      initial={actionData?.step === "choose" ? actionData.choices : []}
      initialComments={actionData?.step === "choose" ? actionData.evaluation?.comments : []}
      errors={errors}
    />
  );
}

export const meta: MetaFunction = () => [
  { title: "居民投票 · 社区路演" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
